#include <algorithm>
#include <set>

#include "mslit/annotators.hpp"
#include "mslit/error.hpp"
#include "mslit/text.hpp"

namespace mslit {

extern const std::string_view builtin_drug_lexicon_tsv;  // generated from corpus/data/drug_lexicon.tsv

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

}  // namespace

void DrugLexicon::add_key(const std::vector<Token>& tokens, std::size_t entry, std::string_view origin, std::size_t line) {
  auto words = words_only(tokens);
  if (words.empty()) return;
  auto key = join_words(words, 0, words.size());
  auto [it, inserted] = by_key_.emplace(key, entry);
  if (!inserted && it->second != entry)
    throw InputError(std::string(origin), line,
                     "drug name '" + key + "' is already a name of '" + entries_[it->second].name + "'");
  max_words_ = std::max(max_words_, words.size());
  // A hyphenated name ("BG-12") also matches when written joined ("BG12").
  for (auto& t : tokens)
    if (t.compound && t.position == 0 && tokens.back().end == t.end) by_key_.emplace(t.term, entry);
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
    e.name = std::string(trim(cols[0]));
    e.drug_class = std::string(trim(cols[1]));
    if (cols.size() > 2)
      for (auto name : split(cols[2], '|'))
        if (!trim(name).empty()) e.names.emplace_back(trim(name));
    lex.entries_.push_back(std::move(e));
    std::size_t index = lex.entries_.size() - 1;
    lex.add_key(analyzer.analyze(lex.entries_[index].name), index, origin, n + 1);
    for (auto& name : lex.entries_[index].names) lex.add_key(analyzer.analyze(name), index, origin, n + 1);
  }
  return lex;
}

const DrugLexicon& DrugLexicon::builtin() {
  static const DrugLexicon lexicon = [] {
    Analyzer analyzer;
    return parse(builtin_drug_lexicon_tsv, "drug_lexicon.tsv", analyzer);
  }();
  return lexicon;
}

std::vector<DrugMention> DrugLexicon::find(const std::vector<Token>& all_tokens) const {
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
    for (std::size_t n = std::min(max_words_, words.size() - i); n >= 1; --n) {
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
    if (matched) {
      mentions.push_back(DrugMention{words[i]->begin, words[i + matched - 1]->end, drug});
      i += matched;
    } else {
      ++i;
    }
  }
  return mentions;
}

const DrugEntry* DrugLexicon::lookup(std::string_view name, const Analyzer& analyzer) const {
  auto words = words_only(analyzer.analyze(name));
  if (words.empty()) return nullptr;
  auto it = by_key_.find(join_words(words, 0, words.size()));
  return it == by_key_.end() ? nullptr : &entries_[it->second];
}

}  // namespace mslit
