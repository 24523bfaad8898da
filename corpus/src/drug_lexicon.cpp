#include <algorithm>
#include <array>
#include <set>

#include "mslit/annotators.hpp"
#include "mslit/error.hpp"
#include "mslit/text.hpp"

namespace mslit {

extern const std::string_view builtin_drug_lexicon_tsv;  // generated from MSLIT_DRUG_LEXICON

namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    auto at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

std::string join_words(const std::vector<Token>& tokens, std::size_t from, std::size_t count) {
  std::string key;
  for (std::size_t i = from; i < from + count; ++i) {
    if (i > from) key += ' ';
    key += tokens[i].term;
  }
  return key;
}

std::vector<Token> words_only(std::vector<Token> tokens) {
  std::erase_if(tokens, [](const Token& t) { return t.compound; });
  return tokens;
}

// Folded. Substances that are everywhere in biomedical text and class
// words; see "Generic words" in corpus/data/README.md before adding one.
constexpr std::string_view generic_words[] = {
    "acetate",        "acid",           "air",           "alcohol",       "amphetamines",   "antibodies",
    "antibody",       "antidepressants", "benzodiazepine", "benzodiazepines", "bicarbonate",  "calcium",
    "cannabinoid",    "cannabinoids",   "cannabis",      "carbon",        "chloride",       "cholesterol",
    "citrate",        "contrast",       "copper",        "corticosteroid", "corticosteroids", "cortisol",
    "dextrose",       "dopamine",       "estrogen",      "ethanol",       "fluoride",       "fructose",
    "fumarate",       "gadolinium",     "glucocorticoid", "glucocorticoids", "glucose",       "glutamate",
    "glycine",        "gold",           "helium",        "histamine",     "hormone",        "hydrochloride",
    "hydrogen",       "insulin",        "interferon",    "interferons",   "iodine",         "iron",
    "lactose",        "magnesium",      "melatonin",     "nitrogen",      "oestrogen",      "oxygen",
    "phosphate",      "platinum",       "potassium",     "protein",       "saline",         "salt",
    "serotonin",      "silver",         "sodium",        "statin",        "statins",        "steroid",
    "steroids",       "sucrose",        "sugar",         "sulfate",       "sulphate",       "sulfur",
    "vitamin",        "vitamins",       "water",         "zinc",          "oil"};

// A 64-bit polynomial hash; the hash of a string with byte i deleted is
// computed from prefix and suffix hashes in O(1), so all deletions of a word
// cost O(length).
constexpr std::uint64_t hash_base = 0x100000001b3ULL;
constexpr std::size_t max_misspelling_length = 64;
constexpr std::size_t filter_bits = std::size_t(1) << 18;

// Calls f(hash) for s and for each of its one-byte deletions. s.size() <= max_misspelling_length.
template <class F>
void for_each_deletion_hash(std::string_view s, F&& f) {
  std::size_t n = s.size();
  std::array<std::uint64_t, max_misspelling_length + 1> prefix, suffix, power;
  prefix[0] = 0;
  power[0] = 1;
  for (std::size_t i = 0; i < n; ++i) {
    prefix[i + 1] = prefix[i] * hash_base + static_cast<unsigned char>(s[i]) + 1;
    power[i + 1] = power[i] * hash_base;
  }
  suffix[n] = 0;
  for (std::size_t i = n; i-- > 0;) suffix[i] = suffix[i + 1] + (static_cast<unsigned char>(s[i]) + 1) * power[n - 1 - i];
  f(prefix[n]);
  for (std::size_t i = 0; i < n; ++i) f(prefix[i] * power[n - 1 - i] + suffix[i + 1]);
}

bool misspelling_candidate(std::string_view s) {
  return s.size() >= DrugLexicon::min_misspelling_length && s.size() <= max_misspelling_length &&
         std::none_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool DrugLexicon::is_generic_word(std::string_view folded_word) {
  static const std::set<std::string_view> words(std::begin(generic_words), std::end(generic_words));
  return words.count(folded_word) > 0;
}

void DrugLexicon::add_key(const std::vector<Token>& tokens, std::size_t entry, std::string_view origin, std::size_t line) {
  auto words = words_only(tokens);
  if (words.empty()) return;
  auto key = join_words(words, 0, words.size());
  if (words.size() == 1 && is_generic_word(key))
    throw InputError(std::string(origin), line,
                     "drug name '" + key + "' is a generic word; list it only inside a longer name");
  auto [it, inserted] = by_key_.emplace(key, entry);
  if (!inserted && it->second != entry)
    throw InputError(std::string(origin), line,
                     "drug name '" + key + "' is already a name of '" + entries_[it->second].name + "'");
  max_words_ = std::max(max_words_, words.size());
  auto& longest = first_words_[words.front().term];
  longest = std::max(longest, words.size());
  // A hyphenated name ("BG-12") also matches when written joined ("BG12").
  for (auto& t : tokens)
    if (t.compound && t.position == 0 && tokens.back().end == t.end) {
      by_key_.emplace(t.term, entry);
      auto& n = first_words_[t.term];
      n = std::max<std::size_t>(n, 1);
    }
}

void DrugLexicon::build_misspelling_index() {
  misspelling_keys_.clear();
  deletions_.clear();
  deletion_filter_.assign(filter_bits / 64, 0);
  for (auto& [key, entry] : by_key_)
    if (misspelling_candidate(key) && !exact_only_.count(key)) misspelling_keys_.emplace_back(key, entry);
  std::sort(misspelling_keys_.begin(), misspelling_keys_.end());  // deterministic
  for (std::uint32_t k = 0; k < misspelling_keys_.size(); ++k)
    for_each_deletion_hash(misspelling_keys_[k].first, [&](std::uint64_t h) {
      deletions_.emplace(h, k);
      deletion_filter_[(h >> 7) % filter_bits / 64] |= std::uint64_t(1) << ((h >> 7) % 64);
    });
}

std::size_t DrugLexicon::misspelled(std::string_view word) const {
  constexpr std::size_t none = std::string_view::npos;
  if (!misspelling_candidate(word) || is_generic_word(word)) return none;
  std::size_t found = none;
  bool ambiguous = false;
  for_each_deletion_hash(word, [&](std::uint64_t h) {
    if (ambiguous || !(deletion_filter_[(h >> 7) % filter_bits / 64] >> ((h >> 7) % 64) & 1)) return;
    auto [from, to] = deletions_.equal_range(h);
    for (auto it = from; it != to; ++it) {
      auto& [key, entry] = misspelling_keys_[it->second];
      if (!one_edit_apart(word, key)) continue;
      if (found != none && found != entry) ambiguous = true;
      found = entry;
    }
  });
  return ambiguous ? none : found;
}

DrugLexicon DrugLexicon::parse(std::string_view tsv, std::string_view origin, const Analyzer& analyzer) {
  DrugLexicon lex;
  auto lines = split_lines(tsv);
  for (std::size_t n = 0; n < lines.size(); ++n) {
    auto line = lines[n];
    if (trim(line).empty() || trim(line).front() == '#') continue;
    auto cols = split(line, '\t');
    if (cols.size() < 2 || trim(cols[0]).empty())
      throw InputError(std::string(origin), n + 1, "expected 'canonical<TAB>class<TAB>names'");
    DrugEntry e;
    auto canonical = trim(cols[0]);
    bool canonical_exact = canonical.front() == '=';
    if (canonical_exact) canonical = trim(canonical.substr(1));
    e.name = std::string(canonical);
    e.drug_class = std::string(trim(cols[1]));
    std::vector<bool> exact_only;
    if (cols.size() > 2)
      for (auto name : split(cols[2], '|')) {
        name = trim(name);
        bool exact = !name.empty() && name.front() == '=';  // "=NAME": never a misspelling target
        if (exact) name = trim(name.substr(1));
        if (name.empty()) continue;
        e.names.emplace_back(name);
        exact_only.push_back(exact);
      }
    lex.entries_.push_back(std::move(e));
    std::size_t index = lex.entries_.size() - 1;
    auto canonical_tokens = analyzer.analyze(lex.entries_[index].name);
    lex.add_key(canonical_tokens, index, origin, n + 1);
    if (canonical_exact)
      lex.exact_only_.insert(join_words(words_only(canonical_tokens), 0, words_only(canonical_tokens).size()));
    for (std::size_t k = 0; k < lex.entries_[index].names.size(); ++k) {
      auto tokens = analyzer.analyze(lex.entries_[index].names[k]);
      lex.add_key(tokens, index, origin, n + 1);
      if (exact_only[k]) lex.exact_only_.insert(join_words(words_only(tokens), 0, words_only(tokens).size()));
    }
  }
  lex.build_misspelling_index();
  return lex;
}

const DrugLexicon& DrugLexicon::builtin() {
  static const DrugLexicon lexicon = [] {
    Analyzer analyzer;
    return parse(builtin_drug_lexicon_tsv, "drug_lexicon.tsv", analyzer);
  }();
  return lexicon;
}

std::vector<DrugMention> DrugLexicon::find(const std::vector<Token>& all_tokens, Match match) const {
  std::vector<DrugMention> mentions;
  // Compound forms share a position with their first part; match on the parts.
  std::vector<const Token*> words;
  words.reserve(all_tokens.size());
  for (auto& t : all_tokens)
    if (!t.compound) words.push_back(&t);
  std::string key;
  for (std::size_t i = 0; i < words.size();) {
    std::size_t matched = 0;
    const DrugEntry* drug = nullptr;
    if (auto first = first_words_.find(words[i]->term); first != first_words_.end()) {
      for (std::size_t n = std::min(first->second, words.size() - i); n >= 1; --n) {
        key.clear();
        for (std::size_t k = i; k < i + n; ++k) {
          if (k > i) key += ' ';
          key += words[k]->term;
        }
        if (auto it = by_key_.find(key); it != by_key_.end()) {
          matched = n;
          drug = &entries_[it->second];
          break;
        }
      }
    }
    bool misspelling = false;
    if (!matched && match == Match::allow_misspelling) {
      if (auto entry = misspelled(words[i]->term); entry != std::string_view::npos) {
        matched = 1;
        drug = &entries_[entry];
        misspelling = true;
      }
    }
    if (matched) {
      mentions.push_back(DrugMention{words[i]->begin, words[i + matched - 1]->end, drug, misspelling});
      i += matched;
    } else {
      ++i;
    }
  }
  return mentions;
}

const DrugEntry* DrugLexicon::lookup(std::string_view name, const Analyzer& analyzer, Match match) const {
  auto words = words_only(analyzer.analyze(name));
  if (words.empty()) return nullptr;
  auto key = join_words(words, 0, words.size());
  if (auto it = by_key_.find(key); it != by_key_.end()) return &entries_[it->second];
  if (match == Match::allow_misspelling)
    if (auto entry = misspelled(key); entry != std::string_view::npos) return &entries_[entry];
  return nullptr;
}

}  // namespace mslit
