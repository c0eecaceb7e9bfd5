/*
 * catalog-analysis: a small stand-in for Elasticsearch's `analysis-common` module, for the local
 * test node only.
 *
 * Why this exists: Maven Central's Elasticsearch test distribution (integ-test-zip) ships without
 * `analysis-common`, and nobody publishes that module for 8.x (CodeLibs' republished jars stop at
 * 7.10.2; Elastic declined to publish modules, elastic/elasticsearch#82513). The server jar does
 * bundle Lucene's lucene-analysis-common, so this plugin registers the commonly used analysis
 * components under the SAME names and with the SAME parameters as analysis-common. Index
 * settings written against it therefore also work on a real Elasticsearch, where the genuine
 * module provides these names.
 *
 * It is compiled by scripts/es/start.sh against the node's own lib/*.jar (javac from Java 17),
 * so there is no extra download and it always matches the node's version.
 *
 * Provided (names as in analysis-common):
 *   token filters: asciifolding (preserve_original), porter_stem, kstem, stemmer (language|name),
 *                  snowball (language), edge_ngram / edgeNGram, ngram / nGram, synonym,
 *                  synonym_graph (synonyms | synonyms_path, expand, format solr|wordnet),
 *                  trim, truncate (length), length (min, max), remove_duplicates
 *   tokenizers:    whitespace, keyword, letter, edge_ngram, ngram (min_gram, max_gram,
 *                  token_chars, custom_token_chars), uax_url_email
 *   analyzers:     english (stopwords, stopwords_path, stem_exclusion)
 * The server itself already has: standard tokenizer/analyzer, lowercase, stop, simple,
 * whitespace and keyword analyzers.
 *
 * It also answers `GET /` and `HEAD /` like the `rest-root` module, which the integ-test zip
 * lacks too (without it, the JS client's ping() and info() fail with HTTP 405).
 */
package catalog.es.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.LetterTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymFilter;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.synonym.WordnetSynonymParser;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexService;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.Build;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;

import java.io.Reader;
import java.io.StringReader;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;

public class CatalogAnalysisPlugin extends Plugin implements AnalysisPlugin, ActionPlugin {

    // ---------------------------------------------------------------- GET / and HEAD /

    private volatile ClusterService clusterService;

    @Override
    public Collection<?> createComponents(PluginServices services) {
        clusterService = services.clusterService();
        return List.of();
    }

    @Override
    public List<RestHandler> getRestHandlers(Settings settings, NamedWriteableRegistry namedWriteableRegistry,
            RestController restController, ClusterSettings clusterSettings, IndexScopedSettings indexScopedSettings,
            SettingsFilter settingsFilter, IndexNameExpressionResolver indexNameExpressionResolver,
            Supplier<DiscoveryNodes> nodesInCluster, Predicate<NodeFeature> clusterSupportsFeature) {
        return List.of(new BaseRestHandler() {
            public String getName() { return "catalog_main_action"; }
            public List<Route> routes() {
                return List.of(new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/"));
            }
            protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
                return channel -> {
                    // Same body as Elasticsearch's main action (rest-root module).
                    Build build = Build.current();
                    XContentBuilder b = channel.newBuilder();
                    b.startObject()
                        .field("name", clusterService.localNode().getName())
                        .field("cluster_name", clusterService.getClusterName().value())
                        .field("cluster_uuid", clusterService.state().metadata().clusterUUID())
                        .startObject("version")
                        .field("number", build.qualifiedVersion())
                        .field("build_flavor", build.flavor())
                        .field("build_type", build.type().displayName())
                        .field("build_hash", build.hash())
                        .field("build_date", build.date())
                        .field("build_snapshot", build.isSnapshot())
                        .field("lucene_version", org.apache.lucene.util.Version.LATEST.toString())
                        .field("minimum_wire_compatibility_version", build.minWireCompatVersion())
                        .field("minimum_index_compatibility_version", build.minIndexCompatVersion())
                        .endObject()
                        .field("tagline", "You Know, for Search")
                        .endObject();
                    channel.sendResponse(new RestResponse(RestStatus.OK, b));
                };
            }
        });
    }

    // ---------------------------------------------------------------- token filters

    /** A filter factory built from a lambda; normalizing ones may also be used in normalizers. */
    private static AnalysisProvider<TokenFilterFactory> simple(Function<TokenStream, TokenStream> fn, boolean normalizing) {
        return (indexSettings, env, name, settings) -> normalizing
            ? new NormalizingTokenFilterFactory() {
                public String name() { return name; }
                public TokenStream create(TokenStream ts) { return fn.apply(ts); }
            }
            : new AbstractTokenFilterFactory(name, settings) {
                public TokenStream create(TokenStream ts) { return fn.apply(ts); }
            };
    }

    static final class AsciiFoldingFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final boolean preserveOriginal;
        AsciiFoldingFactory(String name, Settings settings) {
            super(name, settings);
            preserveOriginal = settings.getAsBoolean("preserve_original", false);
        }
        public TokenStream create(TokenStream ts) { return new ASCIIFoldingFilter(ts, preserveOriginal); }
        // As in Elasticsearch: normalizers (keyword fields, wildcard terms) never keep the original.
        public TokenStream normalize(TokenStream ts) { return new ASCIIFoldingFilter(ts, false); }
    }

    /** `stemmer` filter: same language names as Elasticsearch for English; other languages via Snowball. */
    static final class StemmerFactory extends AbstractTokenFilterFactory {
        private final Function<TokenStream, TokenStream> fn;
        StemmerFactory(String name, Settings settings) {
            super(name, settings);
            String language = settings.get("language", settings.get("name", "english"));
            switch (language.toLowerCase(Locale.ROOT)) {
                case "english", "porter" -> fn = PorterStemFilter::new;
                case "light_english", "kstem" -> fn = KStemFilter::new;
                case "minimal_english" -> fn = EnglishMinimalStemFilter::new;
                case "possessive_english" -> fn = EnglishPossessiveFilter::new;
                case "porter2" -> fn = ts -> new SnowballFilter(ts, "English");
                case "lovins" -> fn = ts -> new SnowballFilter(ts, "Lovins");
                default -> {
                    String snow = snowballName(language);
                    fn = ts -> new SnowballFilter(ts, snow);
                }
            }
        }
        public TokenStream create(TokenStream ts) { return fn.apply(ts); }
    }

    /** Checks that org.tartarus.snowball.ext.<Name>Stemmer exists, so a typo fails at index creation. */
    static String snowballName(String language) {
        String n = language.substring(0, 1).toUpperCase(Locale.ROOT) + language.substring(1).toLowerCase(Locale.ROOT);
        try {
            Class.forName("org.tartarus.snowball.ext." + n + "Stemmer", false, SnowballFilter.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("catalog-analysis: unsupported stemmer language [" + language + "]");
        }
        return n;
    }

    static final class NGramFilterFactory extends AbstractTokenFilterFactory {
        private final int min, max;
        private final boolean preserve, edge;
        NGramFilterFactory(IndexSettings indexSettings, String name, Settings settings, boolean edge) {
            super(name, settings);
            this.edge = edge;
            min = settings.getAsInt("min_gram", 1);
            max = settings.getAsInt("max_gram", 2);
            preserve = settings.getAsBoolean("preserve_original", false);
            if (!edge) checkNgramDiff(indexSettings, min, max);
        }
        public TokenStream create(TokenStream ts) {
            return edge ? new EdgeNGramTokenFilter(ts, min, max, preserve) : new NGramTokenFilter(ts, min, max, preserve);
        }
    }

    /** Same guard as Elasticsearch (index.max_ngram_diff, default 1), so a mapping that passes here passes there. */
    static void checkNgramDiff(IndexSettings indexSettings, int min, int max) {
        if (indexSettings == null) return;
        int allowed = indexSettings.getMaxNgramDiff();
        if (max - min > allowed) {
            throw new IllegalArgumentException("The difference between max_gram and min_gram in NGram Tokenizer must be less than or equal to: ["
                + allowed + "] but was [" + (max - min) + "]. This limit can be set by changing the ["
                + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey() + "] index level setting.");
        }
    }

    /**
     * synonym / synonym_graph. Like Elasticsearch, the rules are analysed with the tokenizer,
     * char filters and token filters that come BEFORE this filter in the analyzer chain, so this
     * factory is "chain aware" and only usable inside a custom analyzer.
     */
    static final class SynonymFactory extends AbstractTokenFilterFactory {
        private final boolean graph, expand;
        private final String format;
        private final Settings settings;
        private final Environment env;
        SynonymFactory(Environment env, String name, Settings settings, boolean graph) {
            super(name, settings);
            this.graph = graph;
            this.env = env;
            this.settings = settings;
            this.expand = settings.getAsBoolean("expand", true);
            this.format = settings.get("format", "solr");
            if (settings.get("synonyms_set") != null) {
                throw new IllegalArgumentException("catalog-analysis: synonyms_set (synonyms API) is not supported; use synonyms or synonyms_path");
            }
            if (settings.get("synonyms_path") == null && settings.getAsList("synonyms", null) == null) {
                throw new IllegalArgumentException("synonym requires either `synonyms`, `synonyms_set` or `synonyms_path` to be configured");
            }
        }
        public TokenStream create(TokenStream ts) {
            throw new IllegalStateException("Call getChainAwareTokenFilterFactory to specialize this factory for an analysis chain first");
        }
        @Override
        public TokenFilterFactory getChainAwareTokenFilterFactory(IndexService.IndexCreationContext context, TokenizerFactory tokenizer,
                List<CharFilterFactory> charFilters, List<TokenFilterFactory> previousTokenFilters,
                Function<String, TokenFilterFactory> allFilters) {
            final SynonymMap map = buildMap(chainAnalyzer(tokenizer, charFilters,
                previousTokenFilters.stream().map(TokenFilterFactory::getSynonymFilter).toList()));
            final String name = name();
            return new TokenFilterFactory() {
                public String name() { return name; }
                public TokenStream create(TokenStream ts) {
                    if (map.fst == null) return ts; // no rules: Lucene's filters reject an empty map
                    return graph ? new SynonymGraphFilter(ts, map, false) : new SynonymFilter(ts, map, false);
                }
                // A synonym filter does not take part in parsing a later synonym filter's rules.
                public TokenFilterFactory getSynonymFilter() { return IDENTITY_FILTER; }
            };
        }
        private SynonymMap buildMap(Analyzer analyzer) {
            try (Reader rules = rulesReader()) {
                SynonymMap.Parser parser = "wordnet".equalsIgnoreCase(format)
                    ? new WordnetSynonymParser(true, expand, analyzer)
                    : new SolrSynonymParser(true, expand, analyzer);
                if (parser instanceof SolrSynonymParser s) s.parse(rules); else ((WordnetSynonymParser) parser).parse(rules);
                return parser.build();
            } catch (Exception e) {
                throw new IllegalArgumentException("failed to build synonyms: " + e.getMessage(), e);
            }
        }
        private Reader rulesReader() {
            if (settings.get("synonyms_path") != null) {
                return Analysis.getReaderFromFile(env, settings.get("synonyms_path"), "synonyms_path");
            }
            return new StringReader(String.join("\n", settings.getAsList("synonyms")));
        }
    }

    static Analyzer chainAnalyzer(TokenizerFactory tokenizer, List<CharFilterFactory> charFilters, List<TokenFilterFactory> filters) {
        return new Analyzer() {
            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                for (CharFilterFactory cf : charFilters) reader = cf.create(reader);
                return reader;
            }
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer t = tokenizer.create();
                TokenStream ts = t;
                for (TokenFilterFactory f : filters) ts = f.create(ts);
                return new TokenStreamComponents(t, ts);
            }
        };
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> m = new TreeMap<>();
        m.put("asciifolding", (is, env, name, s) -> new AsciiFoldingFactory(name, s));
        m.put("porter_stem", simple(PorterStemFilter::new, false));
        m.put("kstem", simple(KStemFilter::new, false));
        m.put("stemmer", (is, env, name, s) -> new StemmerFactory(name, s));
        m.put("snowball", (is, env, name, s) -> {
            String lang = snowballName(s.get("language", "English"));
            return new AbstractTokenFilterFactory(name, s) {
                public TokenStream create(TokenStream ts) { return new SnowballFilter(ts, lang); }
            };
        });
        AnalysisProvider<TokenFilterFactory> edge = (is, env, name, s) -> new NGramFilterFactory(is, name, s, true);
        AnalysisProvider<TokenFilterFactory> ngram = (is, env, name, s) -> new NGramFilterFactory(is, name, s, false);
        m.put("edge_ngram", edge);
        m.put("edgeNGram", edge);
        m.put("ngram", ngram);
        m.put("nGram", ngram);
        m.put("synonym", AnalysisPlugin.requiresAnalysisSettings((is, env, name, s) -> new SynonymFactory(env, name, s, false)));
        m.put("synonym_graph", AnalysisPlugin.requiresAnalysisSettings((is, env, name, s) -> new SynonymFactory(env, name, s, true)));
        m.put("trim", simple(TrimFilter::new, true));
        m.put("remove_duplicates", simple(RemoveDuplicatesTokenFilter::new, false));
        m.put("truncate", (is, env, name, s) -> {
            int len = s.getAsInt("length", 10);
            return new AbstractTokenFilterFactory(name, s) {
                public TokenStream create(TokenStream ts) { return new TruncateTokenFilter(ts, len); }
            };
        });
        m.put("length", (is, env, name, s) -> {
            int min = s.getAsInt("min", 0), max = s.getAsInt("max", Integer.MAX_VALUE);
            return new AbstractTokenFilterFactory(name, s) {
                public TokenStream create(TokenStream ts) { return new LengthFilter(ts, min, max); }
            };
        });
        return m;
    }

    // ---------------------------------------------------------------- tokenizers

    /** token_chars as in Elasticsearch's ngram tokenizers: letter, digit, whitespace, punctuation, symbol, custom. */
    static IntPredicate tokenChars(Settings s) {
        List<String> classes = s.getAsList("token_chars", List.of());
        if (classes.isEmpty()) return c -> true;
        IntPredicate p = c -> false;
        for (String cls : classes) {
            switch (cls.toLowerCase(Locale.ROOT)) {
                case "letter" -> p = p.or(Character::isLetter);
                case "digit" -> p = p.or(Character::isDigit);
                case "whitespace" -> p = p.or(Character::isWhitespace);
                case "punctuation" -> p = p.or(c -> switch (Character.getType(c)) {
                    case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.OTHER_PUNCTUATION,
                         Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                         Character.FINAL_QUOTE_PUNCTUATION -> true;
                    default -> false;
                });
                case "symbol" -> p = p.or(c -> switch (Character.getType(c)) {
                    case Character.CURRENCY_SYMBOL, Character.MATH_SYMBOL, Character.OTHER_SYMBOL, Character.MODIFIER_SYMBOL -> true;
                    default -> false;
                });
                case "custom" -> {
                    Set<Integer> custom = new HashSet<>();
                    s.get("custom_token_chars", "").codePoints().forEach(custom::add);
                    p = p.or(custom::contains);
                }
                default -> throw new IllegalArgumentException("Unknown token type: '" + cls
                    + "', must be one of [symbol, custom, letter, punctuation, whitespace, digit]");
            }
        }
        return p;
    }

    static AnalysisProvider<TokenizerFactory> ngramTokenizer(boolean edge) {
        return (is, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            if (!edge) checkNgramDiff(is, min, max);
            IntPredicate chars = tokenChars(s);
            return TokenizerFactory.newFactory(name, () -> edge
                ? new EdgeNGramTokenizer(min, max) { @Override protected boolean isTokenChar(int c) { return chars.test(c); } }
                : new NGramTokenizer(min, max) { @Override protected boolean isTokenChar(int c) { return chars.test(c); } });
        };
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> m = new TreeMap<>();
        m.put("whitespace", (is, env, name, s) -> {
            int max = s.getAsInt("max_token_length", 255);
            return TokenizerFactory.newFactory(name, () -> new WhitespaceTokenizer(max));
        });
        m.put("keyword", (is, env, name, s) -> {
            int buf = s.getAsInt("buffer_size", 256);
            return TokenizerFactory.newFactory(name, () -> new KeywordTokenizer(buf));
        });
        m.put("letter", (is, env, name, s) -> TokenizerFactory.newFactory(name, LetterTokenizer::new));
        m.put("uax_url_email", (is, env, name, s) -> {
            int max = s.getAsInt("max_token_length", 255);
            return TokenizerFactory.newFactory(name, () -> {
                UAX29URLEmailTokenizer t = new UAX29URLEmailTokenizer();
                t.setMaxTokenLength(max);
                return t;
            });
        });
        m.put("edge_ngram", ngramTokenizer(true));
        m.put("edgeNGram", ngramTokenizer(true));
        m.put("ngram", ngramTokenizer(false));
        m.put("nGram", ngramTokenizer(false));
        return m;
    }

    // ---------------------------------------------------------------- analyzers

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> m = new TreeMap<>();
        m.put("english", (is, env, name, s) -> {
            // Same construction as Elasticsearch's english analyzer: Lucene's EnglishAnalyzer with
            // `stopwords` (default _english_) / `stopwords_path` and `stem_exclusion`.
            EnglishAnalyzer analyzer = new EnglishAnalyzer(
                Analysis.parseStopWords(env, s, EnglishAnalyzer.getDefaultStopSet()),
                Analysis.parseStemExclusion(s, CharArraySet.EMPTY_SET));
            return new AbstractIndexAnalyzerProvider<EnglishAnalyzer>(name, s) {
                public EnglishAnalyzer get() { return analyzer; }
            };
        });
        return m;
    }
}
