// mslit annotate: what the annotators see in a text or a document, for people
// checking a facet and for other tools (stable JSON).
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "cli.hpp"
#include "mslit/annotators.hpp"
#include "mslit/error.hpp"
#include "mslit/readers.hpp"
#include "mslit/text.hpp"

namespace mslit::cli {
namespace {

using json = nlohmann::ordered_json;  // keys in the documented order

struct Mention {
  std::string field;  // empty: offsets are into the input itself
  std::size_t start, end;
  std::string text, name, drug_class;
};

void find_mentions(std::string_view text, std::string_view field, const Analyzer& analyzer,
                   std::vector<Mention>& out) {
  for (auto& m : DrugLexicon::builtin().find(analyzer.analyze(text)))
    out.push_back({std::string(field), m.begin, m.end, std::string(text.substr(m.begin, m.end - m.begin)),
                   m.drug->name, m.drug->drug_class});
}

json to_json(const std::vector<Mention>& mentions, const Article& a, const std::optional<std::string>& id) {
  json drugs = json::array();
  for (auto& m : mentions) {
    json d = {{"start", m.start}, {"end", m.end}, {"text", m.text}, {"name", m.name}, {"class", m.drug_class}};
    if (!m.field.empty()) d["field"] = m.field;
    drugs.push_back(d);
  }
  json j;
  if (id) j["id"] = *id;
  j["drugs"] = drugs;
  j["evidence"] = {{"type", to_string(a.annotations.evidence)}, {"cue", a.annotations.evidence_cue}};
  j["year"] = a.year ? json(*a.year) : json(nullptr);
  return j;
}

void print_text(std::ostream& out, const std::vector<Mention>& mentions, const Article& a,
                const std::optional<std::string>& id) {
  if (id) out << a.title << "\n  id: " << *id << "\n";
  out << "drugs:";
  if (mentions.empty()) out << " none";
  out << "\n";
  for (auto& m : mentions) {
    out << "  " << (m.field.empty() ? "" : m.field + " ") << m.start << "-" << m.end << "  " << m.text << "  -> "
        << m.name << " (" << m.drug_class << ")\n";
  }
  out << "evidence: " << to_string(a.annotations.evidence) << " (" << a.annotations.evidence_cue << ")\n";
  out << "year: " << (a.year ? std::to_string(*a.year) : "unknown");
  if (a.year && !a.year_cue.empty()) out << " (from \"" << a.year_cue << "\")";
  out << "\n";
}

bool is_page_format(std::string_view f) { return f == "text" || f == "markdown" || f == "snippets"; }

}  // namespace

int run_annotate(const std::vector<std::string>& args) {
  std::string input = "-", format;
  bool json_out = false;
  po::options_description opts("Options");
  opts.add_options()
      ("json", po::bool_switch(&json_out), "print JSON (one object; one line per record for record formats)")
      ("format", po::value(&format), "read the input with this reader instead of detecting it")
      ("input", po::value(&input), "a file, or - for standard input (the default)");
  po::positional_options_description pos;
  pos.add("input", 1);
  po::variables_map vm;
  if (!parse(args, opts, pos, vm, "mslit annotate [--json] [--format FORMAT] [FILE|-]",
             "Prints what the annotators see in a text: each drug mention with its byte\n"
             "offsets, the text matched, its canonical name and class; the evidence type\n"
             "with the cue that decided it; the year. Nothing is indexed.\n\n"
             "Plain text, web pages and reports (formats text, markdown, snippets): offsets\n"
             "are into the input (after invalid UTF-8 is replaced with U+FFFD, which a\n"
             "warning reports). Record formats (pubmed-xml, jats, medline, ris, jsonl, or\n"
             "any of them gzipped): one result per record, with \"id\" and each mention's\n"
             "\"field\" (title, abstract, body or chemical) that its offsets are into.\n\n"
             "JSON: {\"drugs\":[{\"start\",\"end\",\"text\",\"name\",\"class\"}],\n"
             "       \"evidence\":{\"type\",\"cue\"},\"year\"}  (year is null when unknown)\n"))
    return ok;
  if (!format.empty() && !is_known_format(format)) throw UsageError("unknown format '" + format + "' (see mslit index --help)");

  Analyzer analyzer;
  std::vector<std::string> warnings;
  std::vector<Article> articles;
  std::string content;  // the input, for page formats
  std::string used_format;
  if (input == "-") {
    content.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    if (trim(content).empty()) throw InputError("-", 0, "no text on standard input");
    auto repaired = repair_utf8(content);
    if (!repaired.bad_offsets.empty())
      warnings.push_back("-: warning: invalid UTF-8 at byte " + std::to_string(repaired.bad_offsets.front()) +
                         ", replaced with U+FFFD");
    content = std::move(repaired.text);
    used_format = format.empty() ? detect_format("-", content) : format;
    auto read = read_text(content, "-", "stdin", used_format);
    articles = std::move(read.articles);
    warnings.insert(warnings.end(), read.warnings.begin(), read.warnings.end());
  } else {
    auto read = read_file(input, input, format);
    used_format = read.format;
    articles = std::move(read.articles);
    warnings.insert(warnings.end(), read.warnings.begin(), read.warnings.end());
    if (is_page_format(used_format)) {
      std::ifstream in(input, std::ios::binary);
      content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      content = repair_utf8(content).text;
    }
  }
  for (auto& w : warnings) std::cerr << w << "\n";
  if (articles.empty()) throw InputError(input, 0, "no records to annotate");

  bool records = !is_page_format(used_format);
  for (auto& a : articles) {
    annotate(a, analyzer);
    std::vector<Mention> mentions;
    if (records) {
      find_mentions(a.title, "title", analyzer, mentions);
      find_mentions(a.abstract, "abstract", analyzer, mentions);
      find_mentions(a.body, "body", analyzer, mentions);
      for (auto& c : a.chemicals) find_mentions(c, "chemical", analyzer, mentions);
    } else {
      find_mentions(content, "", analyzer, mentions);
    }
    std::optional<std::string> id;
    if (records) id = a.id;
    if (json_out) std::cout << to_json(mentions, a, id).dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    else {
      print_text(std::cout, mentions, a, id);
      if (records && &a != &articles.back()) std::cout << "\n";
    }
  }
  return ok;
}

}  // namespace mslit::cli
