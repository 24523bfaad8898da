// build-drug-lexicon: writes the shipped drug lexicon from the curated MS list
// and two open vocabularies. The curated list (corpus/data/drug_lexicon.tsv)
// decides which drugs exist, their canonical names and classes; DrugBank's
// open vocabulary adds INN/USAN variants, other-language INN spellings and code
// names; Drugs@FDA adds US brand names and salt-form product names. Every
// added name goes through the same Analyzer as the text and is dropped when it
// is another drug's name, a generic word, short, a systematic chemical name,
// or listed in the exclusions file. Deterministic: same inputs, same bytes.
//
// Usage: see --help, and corpus/data/README.md ("How the shipped lexicon is built").
#include <boost/program_options.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "mslit/analysis.hpp"
#include "mslit/annotators.hpp"
#include "mslit/error.hpp"
#include "mslit/text.hpp"

namespace po = boost::program_options;
using mslit::Analyzer;

namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw mslit::InputError(path, 0, "cannot open");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> split(std::string_view s, std::string_view sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    auto at = s.find(sep, start);
    out.emplace_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + sep.size();
  }
}

// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += text[++i];
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(std::move(field));
  std::erase_if(rows, [](auto& r) { return r.empty() || (r.size() == 1 && r[0].empty()); });
  return rows;
}

struct Drug {
  std::string canonical, drug_class;
  std::vector<std::string> curated;                 // names as curated, in order
  std::vector<std::string> drugbank, fda;           // added names, as written by the source
};

// Words that name a salt, hydrate or form, stripped from the end of an FDA ingredient.
const std::set<std::string> salt_words = {
    "acetate",  "acid",      "anhydrous", "besylate",   "bitartrate", "bromide",   "calcium",   "chloride",
    "citrate",  "dihydrate", "disodium",  "fumaric",    "hcl",        "hemifumarate", "hydrobromide",
    "hydrochloride", "hyclate", "lactate", "lauryl",    "magnesium",  "maleate",   "mesylate",  "monohydrate",
    "phosphate", "potassium", "sodium",   "succinate",  "sulfate",    "tartrate",  "trihydrate"};
// Dosage-form words after a brand ("OSMOLEX ER", "TASCENSO ODT").
const std::set<std::string> form_words = {"er", "xr", "xl", "sr", "cr", "la", "odt", "cd", "es", "kit", "pen",
                                          "multidose", "preservative", "free", "in", "plastic", "container"};

class Builder {
 public:
  Builder(const Analyzer& a, std::set<std::string> excluded) : a_(a), excluded_(std::move(excluded)) {}

  std::string key(std::string_view name) const {
    std::string k;
    for (auto& t : a_.analyze(name))
      if (!t.compound) k += (k.empty() ? "" : " ") + t.term;
    return k;
  }
  static std::size_t words(const std::string& k) { return k.empty() ? 0 : std::count(k.begin(), k.end(), ' ') + 1; }

  void read_curated(const std::string& path) {
    auto text = read_all(path);
    auto lines = mslit::split_lines(text);
    for (std::size_t n = 0; n < lines.size(); ++n) {
      auto line = mslit::trim(lines[n]);
      if (line.empty() || line.front() == '#') continue;
      auto cols = split(lines[n], "\t");
      if (cols.size() < 2) throw mslit::InputError(path, n + 1, "expected 'canonical<TAB>class<TAB>names'");
      Drug d{std::string(mslit::trim(cols[0])), std::string(mslit::trim(cols[1])), {}, {}, {}};
      if (cols.size() > 2)
        for (auto& name : split(cols[2], "|"))
          if (!mslit::trim(name).empty()) d.curated.emplace_back(mslit::trim(name));
      drugs_.push_back(std::move(d));
      auto& added = drugs_.back();
      claim(key(added.canonical), drugs_.size() - 1);
      for (auto& name : added.curated) claim(key(name), drugs_.size() - 1);
    }
  }

  // DrugBank: a row belongs to a curated drug when its common name is one of
  // that drug's names; its other synonyms then become names too.
  void read_drugbank(const std::string& path) {
    auto rows = read_csv(read_all(path));
    // Every DrugBank name, with the rows that use it: a synonym of two DrugBank
    // drugs ("Calciferol") is ambiguous, and an FDA brand that is a DrugBank
    // name of a drug that is not ours is a data error.
    for (std::size_t r = 1; r < rows.size(); ++r) {
      if (rows[r].size() < 6) continue;
      std::set<std::string> keys{key(rows[r][2])};
      for (auto& s : split(rows[r][5], " | ")) keys.insert(key(s));
      for (auto& k : keys) drugbank_rows_of_[k].push_back(r);
      if (!owner_.count(key(rows[r][2])))
        for (auto& k : keys) other_names_.insert(k);
    }
    for (std::size_t r = 1; r < rows.size(); ++r) {
      auto& row = rows[r];
      if (row.size() < 6) continue;
      auto it = owner_.find(key(row[2]));
      if (it == owner_.end()) continue;
      ++drugbank_rows_;
      std::vector<std::string> names{row[2]};
      for (auto& s : split(row[5], " | ")) names.push_back(std::string(mslit::trim(s)));
      for (auto& name : names) {
        auto& users = drugbank_rows_of_[key(name)];
        if (users.size() > 1) {
          ++dropped_count_["a DrugBank name of several drugs"];
          log_.push_back("drugbank: dropped '" + name + "' for " + drugs_[it->second].canonical +
                         ": a DrugBank name of several drugs");
          continue;
        }
        add(name, it->second, "drugbank", drugs_[it->second].drugbank);
      }
    }
  }

  // Drugs@FDA: single-ingredient products whose ingredient (salt words and a
  // biosimilar suffix stripped) is a curated drug give their brand name, and
  // the brand without its dosage-form suffix.
  void read_fda(const std::string& path) {
    auto lines = mslit::split_lines(read_all(path));
    for (std::size_t n = 1; n < lines.size(); ++n) {
      auto cols = split(lines[n], "\t");
      if (cols.size() < 7 || cols[6].find(';') != std::string::npos) continue;
      auto ingredient = words_of(key(cols[6]));
      std::size_t drug = npos;
      while (!ingredient.empty()) {
        if (auto it = owner_.find(join(ingredient)); it != owner_.end()) {
          drug = it->second;
          break;
        }
        bool biosimilar_suffix = ingredient.size() >= 2 && ingredient.back().size() == 4 &&
                                 (ingredient[ingredient.size() - 2].ends_with("mab") ||
                                  ingredient[ingredient.size() - 2].ends_with("cept"));
        if (!salt_words.count(ingredient.back()) && !biosimilar_suffix) break;
        ingredient.pop_back();
      }
      if (drug == npos) {
        other_names_.insert(key(cols[5]));
        continue;
      }
      ++fda_rows_;
      std::string brand(mslit::trim(cols[5]));
      if (auto k = key(brand); drugbank_rows_of_.count(k) && !owner_.count(k)) {
        ++dropped_count_["a DrugBank name of a drug not in the list"];
        log_.push_back("fda: dropped '" + brand + "' for " + drugs_[drug].canonical +
                       ": a DrugBank name of a drug not in the list");
        continue;
      }
      add(brand, drug, "fda", drugs_[drug].fda);
      auto base = words_of(key(brand));
      while (base.size() > 1 && form_words.count(base.back())) base.pop_back();
      if (base.size() != words_of(key(brand)).size()) {
        // The brand as written, cut after its last kept word.
        auto parts = split(brand, " ");
        parts.resize(std::min(parts.size(), base.size()));
        std::string cut;
        for (auto& p : parts) cut += (cut.empty() ? "" : " ") + p;
        if (key(cut) == join(base)) add(cut, drug, "fda", drugs_[drug].fda);
      }
    }
  }

  // Names of ours one edit from a name of another drug (DrugBank's Minomycin,
  // a minocycline synonym, is one edit from mitomycin) are matched only as
  // listed: the misspelling rule must not turn the other drug into ours.
  void mark_confusable(const Analyzer& a) {
    std::ostringstream tsv;
    write(tsv, "");
    auto lexicon = mslit::DrugLexicon::parse(tsv.str(), "<built>", a);
    for (auto& other : other_names_) {
      if (owner_.count(other)) continue;
      auto* drug = lexicon.lookup(other, a);
      if (!drug) continue;
      std::size_t d = std::size_t(drug - lexicon.entries().data());
      for (auto& [k, owner] : owner_)
        if (owner == d && mslit::one_edit_apart(k, other) && exact_only_.insert(k).second)
          log_.push_back("exact only: '" + k + "' (" + drugs_[d].canonical + ") is one edit from '" + other +
                         "', another drug");
    }
  }

  void write(std::ostream& out, const std::string& header) const {
    out << header;
    for (auto& d : drugs_) {
      out << (exact_only_.count(key(d.canonical)) ? "=" : "") << d.canonical << '\t' << d.drug_class << '\t';
      bool first = true;
      // Drugs@FDA names are written "=NAME": matched as listed, never as the
      // target of a misspelling (obscure brands sit one edit from English
      // words: MEASURIN/measuring, VECTICAL/vertical).
      for (auto* list : {&d.curated, &d.drugbank, &d.fda})
        for (auto& name : *list) {
          bool exact = list == &d.fda || exact_only_.count(key(name));
          out << (first ? "" : "|") << (exact && name.front() != '=' ? "=" : "") << name;
          first = false;
        }
      out << '\n';
    }
  }

  void report(std::ostream& out) const {
    std::size_t curated = 0, drugbank = 0, fda = 0;
    for (auto& d : drugs_) {
      curated += d.curated.size();
      drugbank += d.drugbank.size();
      fda += d.fda.size();
    }
    out << "drugs: " << drugs_.size() << "\n"
        << "names besides the canonical: " << curated + drugbank + fda << " (curated " << curated << ", DrugBank "
        << drugbank << ", Drugs@FDA " << fda << ")\n"
        << "source rows used: DrugBank " << drugbank_rows_ << ", Drugs@FDA " << fda_rows_ << "\n"
        << "names (canonical included) matched only as listed (Drugs@FDA, or one edit from another drug): " << exact_count() << "\n"
        << "names dropped:\n";
    for (auto& [reason, n] : dropped_count_) out << "  " << reason << ": " << n << "\n";
  }
  const std::vector<std::string>& log() const { return log_; }
  std::size_t exact_count() const {
    std::size_t n = 0;
    for (auto& d : drugs_) {
      n += d.fda.size() + exact_only_.count(key(d.canonical));
      for (auto* list : {&d.curated, &d.drugbank})
        for (auto& name : *list) n += exact_only_.count(key(name));
    }
    return n;
  }

 private:
  static constexpr std::size_t npos = std::size_t(-1);
  static std::vector<std::string> words_of(const std::string& k) { return k.empty() ? std::vector<std::string>{} : split(k, " "); }
  static std::string join(const std::vector<std::string>& w) {
    std::string s;
    for (auto& x : w) s += (s.empty() ? "" : " ") + x;
    return s;
  }

  void claim(const std::string& k, std::size_t drug) {
    if (!k.empty()) owner_.emplace(k, drug);
  }

  // Why a source name is not added, or "" to add it.
  std::string reject(std::string_view name, const std::string& k, std::size_t drug) const {
    if (k.empty()) return "no words";
    if (auto it = owner_.find(k); it != owner_.end())
      return it->second == drug ? "" : "another drug's name (" + drugs_[it->second].canonical + ")";
    if (excluded_.count(k)) return "excluded (drug_names_excluded.txt)";
    if (name.find_first_of("()[],;:+'") != std::string_view::npos) return "systematic chemical name";
    auto w = words_of(k);
    if (w.size() > 4) return "more than 4 words";
    if (std::any_of(w.begin(), w.end(), [](auto& x) { return x.size() == 1; })) return "has a one-character word";
    std::size_t letters = 0;
    for (auto& x : w) letters += x.size();
    if (letters < 5) return "shorter than 5 characters";
    if (w.size() == 1 && mslit::DrugLexicon::is_generic_word(k)) return "generic word";
    return "";
  }

  void add(const std::string& raw, std::size_t drug, const char* source, std::vector<std::string>& list) {
    std::string name(mslit::trim(raw));
    auto k = key(name);
    if (owner_.count(k) && owner_.at(k) == drug) return;  // already a name of this drug, in some spelling
    auto why = reject(name, k, drug);
    if (!why.empty()) {
      ++dropped_count_[why.substr(0, why.find(" ("))];
      log_.push_back(std::string(source) + ": dropped '" + name + "' for " + drugs_[drug].canonical + ": " + why);
      return;
    }
    owner_.emplace(k, drug);
    list.push_back(name);
    log_.push_back(std::string(source) + ": added '" + name + "' to " + drugs_[drug].canonical);
  }

  const Analyzer& a_;
  std::set<std::string> excluded_;
  std::vector<Drug> drugs_;
  std::map<std::string, std::size_t> owner_;  // analysed name -> drug
  std::map<std::string, std::vector<std::size_t>> drugbank_rows_of_;  // analysed DrugBank name -> rows
  std::set<std::string> other_names_;  // analysed DrugBank and Drugs@FDA names of drugs not in the list
  std::set<std::string> exact_only_;   // our analysed names never to reach by a misspelling
  std::map<std::string, std::size_t> dropped_count_;
  std::vector<std::string> log_;
  std::size_t drugbank_rows_ = 0, fda_rows_ = 0;
};

constexpr const char* usage = R"(Usage: build-drug-lexicon --curated TSV --drugbank CSV --fda TXT [--exclude TXT] [-o OUT]

Writes the shipped drug lexicon: the curated MS drugs (canonical names, classes,
curated names) plus DrugBank open-vocabulary synonyms and Drugs@FDA brand and
product names of those drugs. Prints counts to stderr; --log FILE writes every
added and dropped name with the reason.

  build-drug-lexicon --curated corpus/data/drug_lexicon.tsv \
    --drugbank ../shared/data/drug-vocab/drugbank-open-vocabulary.csv \
    --fda ../shared/data/drug-vocab/drugsatfda-Products.txt \
    --exclude corpus/data/drug_names_excluded.txt -o corpus/data/drug_lexicon_full.tsv
)";

}  // namespace

int main(int argc, char** argv) {
  std::string curated, drugbank, fda, exclude, output, log_file;
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("curated", po::value(&curated)->required(), "curated MS list (TSV)")(
      "drugbank", po::value(&drugbank)->required(), "DrugBank open vocabulary (CSV)")(
      "fda", po::value(&fda)->required(), "Drugs@FDA Products.txt")(
      "exclude", po::value(&exclude), "names never to add, one a line (# comments)")(
      "output,o", po::value(&output), "write the lexicon here (default: stdout)")(
      "log", po::value(&log_file), "write every added and dropped name here");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, options), vm);
    if (vm.count("help")) {
      std::cout << usage << "\n" << options << "\n";
      return 0;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "build-drug-lexicon: " << e.what() << "\n";
    return 2;
  }
  try {
    Analyzer analyzer;
    std::set<std::string> excluded;
    Builder probe(analyzer, {});
    if (!exclude.empty())
      for (auto line : mslit::split_lines(read_all(exclude))) {
        auto name = mslit::trim(line.substr(0, line.find('#')));
        if (!name.empty()) excluded.insert(probe.key(name));
      }
    Builder b(analyzer, excluded);
    b.read_curated(curated);
    b.read_drugbank(drugbank);
    b.read_fda(fda);
    b.mark_confusable(analyzer);
    std::ostringstream summary;
    b.report(summary);
    std::string header =
        "# mslit drug lexicon, GENERATED by tools/build-drug-lexicon: do not edit; edit drug_lexicon.tsv\n"
        "# (the curated list) or drug_names_excluded.txt and rebuild (see README.md in this folder).\n"
        "# Sources: the curated list; DrugBank open vocabulary (CC0); Drugs@FDA Products (public domain).\n"
        "# Names of each drug: curated first, then DrugBank synonyms, then Drugs@FDA product names.\n";
    std::istringstream lines(summary.str());
    for (std::string l; std::getline(lines, l);) header += "# " + l + "\n";
    header += "#\n# canonical<TAB>class<TAB>names (| separated)\n";
    std::ostringstream out;
    b.write(out, header);
    // The result must load: no name of two drugs, no generic word.
    mslit::DrugLexicon::parse(out.str(), output.empty() ? "<stdout>" : output, analyzer);
    if (output.empty()) {
      std::cout << out.str();
    } else {
      std::ofstream f(output, std::ios::binary);
      f << out.str();
      if (!f) throw mslit::InputError(output, 0, "cannot write");
    }
    if (!log_file.empty()) {
      std::ofstream f(log_file);
      for (auto& l : b.log()) f << l << "\n";
    }
    std::cerr << summary.str();
    return 0;
  } catch (const mslit::Error& e) {
    std::cerr << "build-drug-lexicon: " << e.what() << "\n";
    return 1;
  }
}
