package org.ibcr.kg.publish;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * The analysers of the search index, the same for the text indexed and the text searched: one per language of
 * the data and one for text without a language (names, acronyms). Each folds accents, so "education" finds
 * "éducation" and the other way round. Lucene's English and French analysers do not fold; these are theirs with
 * ASCII folding added after the stop words (whose lists are accented: "été", "à").
 */
final class SearchAnalyzers {
    private SearchAnalyzers() {}

    /** English: possessives, lower case, stop words, folding, Porter stemming ("tribunals" as "tribunal"). */
    static Analyzer english() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream s = new EnglishPossessiveFilter(source);
                s = new LowerCaseFilter(s);
                s = new StopFilter(s, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                s = new ASCIIFoldingFilter(s);
                return new TokenStreamComponents(source, new PorterStemFilter(s));
            }

            @Override
            protected TokenStream normalize(String field, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
    }

    /** French: elision ("l'enfance" as "enfance"), lower case, stop words, folding, light stemming ("tribunaux" as "tribunal"). */
    static Analyzer french() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream s = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
                s = new LowerCaseFilter(s);
                s = new StopFilter(s, FrenchAnalyzer.getDefaultStopSet());
                s = new ASCIIFoldingFilter(s);
                return new TokenStreamComponents(source, new FrenchLightStemFilter(s));
            }

            @Override
            protected TokenStream normalize(String field, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
    }

    /** Any language, or none: words as they are, lower case and folded; prefixes (autocomplete) match here. */
    static Analyzer neutral() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream s = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
                return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(s)));
            }

            @Override
            protected TokenStream normalize(String field, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
    }
}
