// The XML readers: MEDLINE/PubMed citations and PMC/JATS full-text articles.
// Both stream: each record (PubmedArticle, MedlineCitation, JATS article) is
// cut from the stream, parsed by libxml2 into a small tree, read, and freed
// before the next, so memory does not grow with the file. DTDs are never
// fetched (XML_PARSE_NONET, no DTD loading).
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <regex>

#include "mslit/error.hpp"
#include "mslit/references.hpp"
#include "mslit/text.hpp"
#include "reader_support.hpp"

namespace mslit {
namespace {

// ---------------------------------------------------------------------------
// Small DOM helpers over an expanded subtree.

bool is(const xmlNode* n, const char* name) {
  return n && n->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0;
}

const xmlNode* child(const xmlNode* n, const char* name) {
  if (!n) return nullptr;
  for (auto* c = n->children; c; c = c->next)
    if (is(c, name)) return c;
  return nullptr;
}

// The element at the end of a path of child names.
const xmlNode* at(const xmlNode* n, std::initializer_list<const char*> path) {
  for (auto* name : path) n = child(n, name);
  return n;
}

std::vector<const xmlNode*> children(const xmlNode* n, const char* name) {
  std::vector<const xmlNode*> out;
  if (!n) return out;
  for (auto* c = n->children; c; c = c->next)
    if (is(c, name)) out.push_back(c);
  return out;
}

std::string attr(const xmlNode* n, const char* name) {
  if (!n) return {};
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

void append_text(const xmlNode* n, std::string& out) {
  for (auto* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content) out += reinterpret_cast<const char*>(c->content);
    } else if (c->type == XML_ELEMENT_NODE) {
      append_text(c, out);
    }
  }
}

// All the text below an element, white space collapsed.
std::string text(const xmlNode* n) {
  if (!n) return {};
  std::string out;
  append_text(n, out);
  return squash_space(out);
}

// ---------------------------------------------------------------------------
// The record loop shared by both readers.
//
// The stream is cut into records by their tags (<PubmedArticle>...</PubmedArticle>)
// and each record is parsed on its own. Memory is one record, and a record
// that is malformed costs only itself: the good records around it are read.

struct XmlErrors {
  std::string first;
  int line = 0;
};

void on_error(void* arg, xmlErrorPtr error) {
  auto* errors = static_cast<XmlErrors*>(arg);
  if (!error || error->level < XML_ERR_ERROR || !errors->first.empty()) return;
  errors->first = error->message ? squash_space(error->message) : "XML error";
  // "... ArticleTitle line 22 and ..." counts lines within the record: drop them.
  for (std::size_t at; (at = errors->first.find(" line ")) != std::string::npos;) {
    auto end = errors->first.find_first_not_of("0123456789", at + 6);
    if (end == at + 6) break;
    errors->first.erase(at, (end == std::string::npos ? errors->first.size() : end) - at);
  }
  errors->line = error->line;
}

using XmlDoc = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

// Parses one record; strictly first, then (with a warning) in libxml2's
// recovery mode, which reads past an undefined entity or a mismatched tag.
XmlDoc parse_record(std::string_view xml, ReadContext& cx, std::size_t record, std::size_t line) {
  XmlErrors errors;
  xmlSetStructuredErrorFunc(&errors, on_error);
  constexpr int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_NOWARNING | XML_PARSE_NOERROR;
  XmlDoc doc(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, "UTF-8", options), &xmlFreeDoc);
  if (!doc || !errors.first.empty()) {
    auto strict = errors;
    errors = {};
    doc.reset(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, "UTF-8", options | XML_PARSE_RECOVER));
    auto at = line + static_cast<std::size_t>(std::max(strict.line, 1)) - 1;
    if (doc && xmlDocGetRootElement(doc.get()))
      cx.warn(at, "record " + std::to_string(record) + ": " + strict.first + "; read as well as it could be");
    else {
      cx.skip_record(record, at, "malformed XML: " + strict.first);
      doc.reset();
    }
  }
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  return doc;
}

// Where the next element named one of `names` starts in `text` at or after
// `from` ("<name>" or "<name " but not "<name-meta>"); npos when none.
std::size_t find_start(std::string_view text, std::size_t from, std::initializer_list<std::string_view> names,
                       std::string_view* which) {
  for (auto i = text.find('<', from); i != std::string_view::npos; i = text.find('<', i + 1)) {
    for (auto name : names) {
      if (text.compare(i + 1, name.size(), name) != 0 || i + 1 + name.size() >= text.size()) continue;
      char next = text[i + 1 + name.size()];
      if (next == '>' || next == ' ' || next == '\n' || next == '\t' || next == '\r') {
        *which = name;
        return i;
      }
    }
  }
  return std::string_view::npos;
}

constexpr std::size_t max_record_bytes = std::size_t{256} << 20;

template <typename OnRecord>
void split_records(InputStream& in, ReadContext& cx, std::initializer_list<std::string_view> names, OnRecord on_record) {
  std::string buf;
  std::size_t base_line = 1;  // line number of buf[0]
  std::size_t scanned = 0;    // where to look for the next record start
  std::size_t record = 0;
  bool eof = false;
  std::vector<char> chunk(256 * 1024);
  auto more = [&] {
    if (eof) return false;
    std::size_t n = 0;
    try {
      n = in.read(chunk.data(), chunk.size());
    } catch (const InputError& e) {
      // A damaged gzip stream: what was read is kept.
      auto prefix = cx.source() + ": ";
      std::string what = e.what();
      cx.fail(0, what.rfind(prefix, 0) == 0 ? what.substr(prefix.size()) : what);
      eof = true;
      return false;
    }
    if (n == 0) eof = true;
    buf.append(chunk.data(), n);
    return n > 0;
  };
  auto drop = [&](std::size_t upto) {  // forget buf[0, upto)
    base_line += static_cast<std::size_t>(std::count(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(upto), '\n'));
    buf.erase(0, upto);
    scanned = scanned > upto ? scanned - upto : 0;
  };
  for (;;) {
    std::string_view name;
    auto start = find_start(buf, scanned, names, &name);
    if (start == std::string::npos) {
      // Keep a possible partial "<PubmedArti" at the end for the next chunk.
      auto keep = buf.size() > 64 ? buf.size() - 64 : 0;
      drop(keep);
      scanned = 0;
      if (!more()) break;
      continue;
    }
    drop(start);
    std::string close = "</" + std::string(name) + ">";
    std::size_t end;
    std::size_t searched = 0;
    while ((end = buf.find(close, searched)) == std::string::npos) {
      searched = buf.size() > close.size() ? buf.size() - close.size() : 0;
      if (buf.size() > max_record_bytes) {
        cx.fail(base_line, "record " + std::to_string(record + 1) + " is larger than 256 MiB; stopped reading");
        return;
      }
      if (!more()) {
        ++record;
        cx.skip_record(record, base_line, "the file ends inside this record (truncated?)");
        if (auto w = in.utf8_warning(); !w.empty()) cx.warn(0, w);
        return;
      }
    }
    end += close.size();
    ++record;
    if (auto doc = parse_record(std::string_view(buf).substr(0, end), cx, record, base_line))
      on_record(xmlDocGetRootElement(doc.get()), record, base_line);
    scanned = end;
  }
  if (auto w = in.utf8_warning(); !w.empty()) cx.warn(0, w);
}

// ---------------------------------------------------------------------------
// MEDLINE / PubMed.

// "[Title translated into English]." -> "Title translated into English."
std::string medline_title(std::string t) {
  if (t.size() > 2 && t.front() == '[') {
    auto close = t.rfind(']');
    if (close != std::string::npos && close > 1) t = t.substr(1, close - 1) + t.substr(close + 1);
  }
  return t;
}

std::string medline_abstract(const xmlNode* abstract) {
  std::string out;
  for (auto* part : children(abstract, "AbstractText")) {
    auto body = text(part);
    if (body.empty()) continue;
    if (!out.empty()) out += "\n\n";
    auto label = attr(part, "Label");
    if (!label.empty() && label != "UNLABELLED") out += label + ": ";
    out += body;
  }
  return out;
}

std::vector<std::string> medline_authors(const xmlNode* list) {
  std::vector<std::string> out;
  for (auto* a : children(list, "Author")) {
    if (auto* c = child(a, "CollectiveName")) {
      out.push_back(text(c));
      continue;
    }
    auto given = text(child(a, "Initials"));
    if (given.empty()) given = text(child(a, "ForeName"));
    auto name = author_name(text(child(a, "LastName")), given);
    if (!name.empty()) out.push_back(name);
  }
  return out;
}

void medline_year(const xmlNode* article, const xmlNode* citation, Article& out) {
  auto* date = at(article, {"Journal", "JournalIssue", "PubDate"});
  for (auto* field : {"Year", "MedlineDate"}) {
    if (auto y = first_year(text(child(date, field)))) {
      out.year = y;
      out.year_cue = "PubDate " + text(date);
      return;
    }
  }
  for (auto* d : {child(article, "ArticleDate"), child(citation, "DateCompleted"), child(citation, "DateCreated")}) {
    if (auto y = first_year(text(child(d, "Year")))) {
      out.year = y;
      out.year_cue = std::string(reinterpret_cast<const char*>(d->name)) + " " + text(d);
      return;
    }
  }
}

// PubMed's reference lists are often in the Nature style, "Greer, J. M. &
// McCombe, P. A. Title. J. Neuroimmunol. 234, 7-18 (2011).", which the
// Vancouver parser does not read; anything else goes to it.
Reference pubmed_citation(const std::string& citation, int ordinal) {
  // Authors: "Surname, I. I." items joined by ", " or " & ", or ending "et al.".
  static const std::regex author(R"(^([^,.&()]{1,60}), ((?:[A-Z][a-z]?\.(?:-[A-Z]\.)? ?)+))");
  static const std::regex rest(R"(^(.+?[.?!]) (.+?) (\d+[A-Za-z]?), ([^ ]+) \(((?:18|19|20)\d\d)\)\.?(?: .*)?$)");
  Reference r;
  std::string_view text = citation;
  std::smatch m;
  std::string tail = citation;
  while (std::regex_search(tail, m, author)) {
    r.authors.push_back(author_name(m[1].str(), m[2].str()));
    tail = tail.substr(static_cast<std::size_t>(m.length(0)));
    if (tail.rfind("& ", 0) == 0) tail = tail.substr(2);
    else if (tail.rfind(", ", 0) == 0) tail = tail.substr(2);
    else if (tail.rfind("et al. ", 0) == 0) {
      tail = tail.substr(7);
      break;
    } else break;
  }
  tail = std::string(trim(tail));
  if (r.authors.empty() || !std::regex_match(tail, m, rest)) return parse_citation(text, ordinal);
  r.ordinal = ordinal;
  r.raw = citation;
  r.title = m[1].str();
  if (r.title.back() == '.') r.title.pop_back();
  r.journal = m[2].str();
  r.volume = m[3].str();
  r.pages = m[4].str();
  r.year = std::stoi(m[5].str());
  return r;
}

Article medline_record(const xmlNode* node) {
  Article a;
  const xmlNode* citation = is(node, "MedlineCitation") ? node : child(node, "MedlineCitation");
  if (is(node, "PubmedBookArticle")) citation = child(node, "BookDocument");
  a.pmid = text(child(citation, "PMID"));
  const xmlNode* article = child(citation, "Article");
  if (!article) article = citation;  // a book document keeps its fields at the top
  a.title = medline_title(text(child(article, "ArticleTitle")));
  if (a.title.empty()) a.title = medline_title(text(child(article, "VernacularTitle")));
  if (a.title.empty()) a.title = text(at(article, {"Book", "BookTitle"}));
  a.abstract = medline_abstract(child(article, "Abstract"));
  if (a.abstract.empty()) a.abstract = medline_abstract(child(citation, "OtherAbstract"));
  a.authors = medline_authors(child(article, "AuthorList"));
  a.journal = text(at(article, {"Journal", "Title"}));
  if (a.journal.empty()) a.journal = text(at(article, {"Journal", "ISOAbbreviation"}));
  if (a.journal.empty()) a.journal = text(at(citation, {"MedlineJournalInfo", "MedlineTA"}));
  if (a.journal.empty()) a.journal = text(at(article, {"Book", "Publisher", "PublisherName"}));
  medline_year(article, citation, a);
  if (!a.year)
    if (auto y = first_year(text(at(article, {"Book", "PubDate", "Year"})))) {
      a.year = y;
      a.year_cue = "Book PubDate";
    }
  for (auto* e : children(article, "ELocationID"))
    if (attr(e, "EIdType") == "doi" && a.doi.empty()) a.doi = normalize_doi(text(e));
  if (a.doi.empty())
    for (auto* id : children(at(node, {"PubmedData", "ArticleIdList"}), "ArticleId"))
      if (attr(id, "IdType") == "doi") a.doi = normalize_doi(text(id));
  for (auto* t : children(child(article, "PublicationTypeList"), "PublicationType"))
    if (auto s = text(t); !s.empty()) a.publication_types.push_back(s);
  for (auto* t : children(article, "PublicationType"))  // a book document lists them directly
    if (auto s = text(t); !s.empty()) a.publication_types.push_back(s);
  for (auto* h : children(child(citation, "MeshHeadingList"), "MeshHeading")) {
    auto heading = text(child(h, "DescriptorName"));
    for (auto* q : children(h, "QualifierName")) heading += "/" + text(q);
    if (!heading.empty()) a.mesh.push_back(heading);
  }
  for (auto* c : children(child(citation, "ChemicalList"), "Chemical"))
    if (auto s = text(child(c, "NameOfSubstance")); !s.empty()) a.chemicals.push_back(s);
  for (auto* s : children(child(citation, "SupplMeshList"), "SupplMeshName"))
    if (auto t = text(s); !t.empty()) a.chemicals.push_back(t);
  for (auto* list : children(citation, "KeywordList"))
    for (auto* k : children(list, "Keyword"))
      if (auto s = text(k); !s.empty()) a.keywords.push_back(s);
  a.language = text(child(article, "Language"));
  // The reference list PubMed gives for some articles: each a citation string with its ids.
  int ordinal = 0;
  for (auto* list : children(child(node, "PubmedData"), "ReferenceList"))
    for (auto* ref : children(list, "Reference")) {
      auto citation = text(child(ref, "Citation"));
      if (citation.empty()) continue;
      auto r = pubmed_citation(citation, ++ordinal);
      for (auto* id : children(child(ref, "ArticleIdList"), "ArticleId")) {
        auto type = attr(id, "IdType");
        if (type == "pubmed") r.pmid = text(id);
        else if (type == "doi") r.doi = normalize_doi(text(id));
      }
      a.references.push_back(std::move(r));
    }
  return a;
}

// ---------------------------------------------------------------------------
// JATS.

// Elements whose content is not prose: formulae, tables' cells, graphics.
bool is_skipped(const xmlNode* n) {
  for (auto* name : {"table", "disp-formula", "inline-formula", "math", "graphic", "inline-graphic", "media",
                     "ref-list", "fn-group", "object-id", "alternatives", "tex-math", "counts", "permissions"})
    if (is(n, name)) return true;
  return false;
}

bool is_block(const xmlNode* n) {
  for (auto* name : {"p", "title", "sec", "caption", "list-item", "def-item", "boxed-text", "fig", "table-wrap",
                     "disp-quote", "ack", "abstract", "statement", "speech"})
    if (is(n, name)) return true;
  return false;
}

// A bibliographic cross-reference written as a number ("12", "[3-5]"): a
// citation marker, dropped like the page reader drops "working.1".
bool is_citation_marker(const xmlNode* n) {
  if (!is(n, "xref") || attr(n, "ref-type") != "bibr") return false;
  auto t = text(n);
  return t.find_first_not_of("0123456789,-\xE2\x80\x93[]() ") == std::string::npos;
}

void append_prose(const xmlNode* n, std::string& out) {
  for (auto* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content) out += reinterpret_cast<const char*>(c->content);
      continue;
    }
    if (c->type != XML_ELEMENT_NODE || is_skipped(c) || is_citation_marker(c)) continue;
    bool block = is_block(c);
    if (block) out += "\n\n";
    append_prose(c, out);
    if (block) out += "\n\n";
  }
}

// Prose with paragraphs kept: each block's white space collapsed, blocks separated by a blank line.
std::string prose(const xmlNode* n) {
  if (!n) return {};
  std::string raw;
  append_prose(n, raw);
  std::string out;
  std::size_t i = 0;
  while (i < raw.size()) {
    auto end = raw.find("\n\n", i);
    if (end == std::string::npos) end = raw.size();
    auto para = squash_space(std::string_view(raw).substr(i, end - i));
    if (!para.empty()) {
      if (!out.empty()) out += "\n\n";
      out += para;
    }
    i = end + 2;
  }
  return out;
}

std::vector<std::string> jats_names(const xmlNode* group) {
  std::vector<std::string> out;
  if (!group) return out;
  for (auto* c = group->children; c; c = c->next) {
    if (is(c, "name") || is(c, "string-name")) {
      auto name = author_name(text(child(c, "surname")), text(child(c, "given-names")));
      if (name.empty()) name = text(c);
      if (!name.empty()) out.push_back(name);
    } else if (is(c, "collab")) {
      if (auto t = text(c); !t.empty()) out.push_back(t);
    }
  }
  return out;
}

std::string pages_of(const xmlNode* citation) {
  auto first = text(child(citation, "fpage"));
  auto last = text(child(citation, "lpage"));
  if (first.empty()) return text(child(citation, "elocation-id"));
  return last.empty() ? first : first + "-" + last;
}

// Whether a citation element carries its own punctuation between its parts
// (mixed content), so its text reads as written.
bool has_mixed_text(const xmlNode* citation) {
  for (auto* c = citation->children; c; c = c->next)
    if (c->type == XML_TEXT_NODE && c->content) {
      std::string_view t(reinterpret_cast<const char*>(c->content));
      if (t.find_first_not_of(" \t\r\n") != std::string_view::npos) return true;
    }
  return false;
}

// The text of a mixed citation as written, with the parts of each name
// spaced ("<surname>Daniel</surname><given-names>J</given-names>" -> "Daniel J").
void append_citation_text(const xmlNode* n, std::string& out) {
  for (auto* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE && c->content) out += reinterpret_cast<const char*>(c->content);
    else if (is(c, "name") || is(c, "string-name")) {
      auto name = text(child(c, "surname"));
      auto given = text(child(c, "given-names"));
      out += name.empty() ? text(c) : given.empty() ? name : name + " " + given;
    } else if (c->type == XML_ELEMENT_NODE) {
      append_citation_text(c, out);
    }
  }
}

std::string citation_text(const xmlNode* citation) {
  std::string out;
  append_citation_text(citation, out);
  return squash_space(out);
}

Reference jats_reference(const xmlNode* ref, int ordinal) {
  Reference r;
  r.ordinal = ordinal;
  const xmlNode* cit = nullptr;
  for (auto* name : {"element-citation", "mixed-citation", "citation", "nlm-citation"})
    if ((cit = child(ref, name))) break;
  if (!cit) {
    r.raw = text(ref);
    return r;
  }
  std::vector<std::string> authors;
  for (auto* g : children(cit, "person-group")) {
    auto type = attr(g, "person-group-type");
    if (type.empty() || type == "author") {
      authors = jats_names(g);
      break;
    }
  }
  if (authors.empty()) authors = jats_names(cit);  // names directly in the citation (NLM 2.x)
  r.authors = std::move(authors);
  r.title = text(child(cit, "article-title"));
  if (r.title.empty()) r.title = text(child(cit, "chapter-title"));
  r.journal = text(child(cit, "source"));
  if (r.title.empty()) {  // a book: its title is the source
    r.title = r.journal;
    r.journal = text(child(cit, "publisher-name"));
  }
  r.year = first_year(text(child(cit, "year")));
  if (!r.year) r.year = first_year(text(at(cit, {"date", "year"})));
  r.volume = text(child(cit, "volume"));
  r.pages = pages_of(cit);
  for (auto* id : children(cit, "pub-id")) {
    auto type = attr(id, "pub-id-type");
    if (type == "pmid") r.pmid = text(id);
    else if (type == "doi") r.doi = normalize_doi(text(id));
  }
  if (has_mixed_text(cit)) {
    r.raw = citation_text(cit);
  } else {
    std::string raw;
    for (std::size_t i = 0; i < r.authors.size(); ++i) raw += (i ? ", " : "") + r.authors[i];
    auto add = [&](const std::string& part, std::string_view sep) {
      if (part.empty()) return;
      if (!raw.empty()) raw += sep;
      raw += part;
    };
    add(r.title, ". ");
    add(r.journal, ". ");
    add(r.year ? std::to_string(*r.year) : std::string(), ". ");
    add(r.volume, ";");
    add(r.pages, ":");
    r.raw = raw + (raw.empty() ? "" : ".");
  }
  return r;
}

void collect_refs(const xmlNode* n, std::vector<const xmlNode*>& refs) {
  for (auto* c = n ? n->children : nullptr; c; c = c->next) {
    if (is(c, "ref")) refs.push_back(c);
    else if (is(c, "ref-list")) collect_refs(c, refs);
  }
}

Article jats_article(const xmlNode* node) {
  Article a;
  auto* front = child(node, "front");
  auto* meta = child(front, "article-meta");
  auto* journal = child(front, "journal-meta");
  a.journal = text(at(journal, {"journal-title-group", "journal-title"}));
  if (a.journal.empty()) a.journal = text(child(journal, "journal-title"));
  if (a.journal.empty())
    for (auto* id : children(journal, "journal-id"))
      if (attr(id, "journal-id-type") == "nlm-ta") a.journal = text(id);
  for (auto* id : children(meta, "article-id")) {
    auto type = attr(id, "pub-id-type");
    if (type == "pmid") a.pmid = text(id);
    else if (type == "doi") a.doi = normalize_doi(text(id));
  }
  a.title = text(at(meta, {"title-group", "article-title"}));
  for (auto* group : children(meta, "contrib-group"))
    for (auto* c : children(group, "contrib"))
      if (attr(c, "contrib-type") == "author" || attr(c, "contrib-type").empty()) {
        auto names = jats_names(c);
        a.authors.insert(a.authors.end(), names.begin(), names.end());
      }
  // The electronic date when there is one, else the print date, else any.
  const xmlNode* best = nullptr;
  int best_rank = 99;
  for (auto* d : children(meta, "pub-date")) {
    auto type = attr(d, "pub-type");
    if (type.empty()) type = attr(d, "date-type");
    int rank = type == "epub" ? 0 : (type == "ppub" || type == "pub") ? 1 : type == "collection" ? 2 : 3;
    if (first_year(text(child(d, "year"))) && rank < best_rank) {
      best = d;
      best_rank = rank;
    }
  }
  if (best) {
    a.year = first_year(text(child(best, "year")));
    auto type = attr(best, "pub-type");
    if (type.empty()) type = attr(best, "date-type");
    a.year_cue = "pub-date" + (type.empty() ? std::string() : " (" + type + ")");
    for (auto* part : {"day", "month", "year"})
      if (auto t = text(child(best, part)); !t.empty()) a.year_cue += " " + t;
  }
  for (auto* abs : children(meta, "abstract")) {
    auto type = attr(abs, "abstract-type");
    if (type == "graphical" || type == "teaser" || type == "toc") continue;
    std::string sections;
    auto secs = children(abs, "sec");
    if (secs.empty()) {
      sections = prose(abs);
    } else {
      for (auto* sec : secs) {
        auto label = text(child(sec, "title"));
        std::string body;
        for (auto* p : children(sec, "p")) body += (body.empty() ? "" : " ") + prose(p);
        if (body.empty()) continue;
        if (!sections.empty()) sections += "\n\n";
        sections += label.empty() ? body : label + ": " + body;
      }
    }
    if (!sections.empty()) {
      a.abstract = sections;
      break;
    }
  }
  for (auto* group : children(meta, "kwd-group"))
    for (auto* k : children(group, "kwd"))
      if (auto t = text(k); !t.empty()) a.keywords.push_back(t);
  if (auto type = attr(node, "article-type"); !type.empty()) a.publication_types.push_back(type);
  for (auto* group : children(meta, "article-categories"))
    for (auto* s : children(group, "subj-group"))
      if (attr(s, "subj-group-type") == "heading")
        if (auto t = text(child(s, "subject")); !t.empty()) a.keywords.push_back(t);
  a.language = attr(node, "lang");
  a.body = prose(child(node, "body"));

  std::vector<const xmlNode*> refs;
  for (auto* back : children(node, "back")) collect_refs(back, refs);
  int ordinal = 0;
  for (auto* ref : refs) a.references.push_back(jats_reference(ref, ++ordinal));
  return a;
}

}  // namespace

void read_pubmed_xml(InputStream& in, ReadContext& cx) {
  split_records(in, cx, {"PubmedArticle", "MedlineCitation", "PubmedBookArticle"},
                 [&](const xmlNode* node, std::size_t record, std::size_t line) {
                   cx.emit(medline_record(node), record, line);
                 });
}

void read_jats(InputStream& in, ReadContext& cx) {
  split_records(in, cx, {"article"}, [&](const xmlNode* node, std::size_t record, std::size_t line) {
    // One article per file is the common case: its id is the file's unless it has a PMID or DOI.
    cx.emit(jats_article(node), record == 1 ? 0 : record, line);
  });
}

}  // namespace mslit
