#include "mslit/maintenance.hpp"

#include <fcntl.h>
#include <stdio.h>  // renameat2
#include <unistd.h>
#include <xapian.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_set>

#include "mslit/error.hpp"
#include "mslit/model.hpp"
#include "mslit/schema.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace mslit {
namespace {

void require_index(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir / "iamglass", ec))
    throw IndexError(dir.string() + ": no mslit index here (build one with: mslit index --db " + dir.string() + " PATH...)");
}

bool has_term(const Xapian::Document& doc, const std::string& term) {
  auto it = doc.termlist_begin();
  it.skip_to(term);
  return it != doc.termlist_end() && *it == term;
}

// Collects problems, keeping the first few of each kind readable.
struct Problems {
  std::vector<std::string>& out;
  std::size_t documents_with_problems = 0;
  void add(const std::string& p) {
    if (out.size() < 25) out.push_back(p);
    else if (out.size() == 25) out.push_back("(more problems not listed)");
  }
};

}  // namespace

std::uint64_t directory_bytes(const fs::path& dir) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  return total;
}

CheckReport check_index(const fs::path& dir) {
  require_index(dir);
  CheckReport r;
  Problems problems{r.problems};

  // 1. Xapian's own check of every table's structure.
  std::ostringstream xapian_out;
  try {
    auto errors = Xapian::Database::check(dir.string(), Xapian::DBCHECK_SHORT_TREE, &xapian_out);
    if (errors > 0)
      problems.add("Xapian's consistency check found " + std::to_string(errors) +
                   " error(s) in the index files; rebuild the index (its output: " + xapian_out.str().substr(0, 300) + ")");
  } catch (const Xapian::Error& e) {
    problems.add("Xapian's consistency check could not read the index: " + e.get_description());
    return r;
  }

  Xapian::Database db;
  try {
    db = Xapian::Database(dir.string());
  } catch (const Xapian::Error& e) {
    problems.add("the index cannot be opened: " + e.get_description());
    return r;
  }

  // 2. The schema.
  auto version = db.get_metadata(std::string(schema::metadata::version));
  if (version != std::to_string(schema::version))
    problems.add("schema version is '" + version + "', this mslit reads version " + std::to_string(schema::version) +
                 ": re-index the collection into a new directory");
  auto skipped = db.get_metadata(std::string(schema::metadata::skipped));
  if (!skipped.empty() && !json::parse(skipped, nullptr, false).is_array())
    problems.add("the list of skipped files (metadata " + std::string(schema::metadata::skipped) + ") is not valid JSON");
  auto prefix = std::string(schema::metadata::file_state);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    auto v = db.get_metadata(*it);
    if (v.empty()) continue;
    if (!json::parse(v, nullptr, false).is_object()) problems.add("the state of file " + *it + " is not valid JSON");
    else ++r.files;
  }

  // 3. Every document: its record, its id, and the facet values it carries.
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    ++r.documents;
    auto doc = db.get_document(*it);
    auto where = "document " + std::to_string(*it);
    auto data = json::parse(doc.get_data(), nullptr, false);
    if (!data.is_object() || !data.contains("id") || !data["id"].is_string()) {
      problems.add(where + ": its stored record is not valid JSON with an id");
      continue;
    }
    auto id = data["id"].get<std::string>();
    where += " (" + id + ")";
    if (!has_term(doc, std::string(schema::prefix::id) + id)) problems.add(where + ": has no id term for its id");
    auto kind = doc.get_value(schema::slot::kind);
    if (kind != "article" && kind != "reference") {
      problems.add(where + ": kind is '" + kind + "', not article or reference");
      continue;
    }
    if (!has_term(doc, std::string(schema::prefix::kind) + kind)) problems.add(where + ": kind term missing");
    (kind == "article" ? r.articles : r.references)++;
    auto evidence = doc.get_value(schema::slot::evidence);
    if (!evidence_from_string(evidence)) problems.add(where + ": evidence type '" + evidence + "' is not one of the known types");
    else if (!has_term(doc, std::string(schema::prefix::evidence) + evidence)) problems.add(where + ": evidence term missing");
    auto year = doc.get_value(schema::slot::year);
    if (!year.empty()) {
      if (year.size() != 4 || year.find_first_not_of("0123456789") != std::string::npos)
        problems.add(where + ": year value '" + year + "' is not four digits");
      else if (!has_term(doc, std::string(schema::prefix::year) + year)) problems.add(where + ": year term missing");
    }
    auto drugs = doc.get_value(schema::slot::drugs);
    for (std::size_t at = 0; !drugs.empty() && at <= drugs.size();) {
      auto end = drugs.find(schema::drug_separator, at);
      if (end == std::string::npos) end = drugs.size();
      auto name = drugs.substr(at, end - at);
      if (name.empty() || !has_term(doc, std::string(schema::prefix::drug) + name))
        problems.add(where + ": drug facet value '" + name + "' has no drug term");
      at = end + 1;
    }
    if (kind == "reference") {
      auto parent = data.value("parent", "");
      if (parent.empty() || db.get_termfreq(std::string(schema::prefix::id) + parent) == 0)
        problems.add(where + ": a reference whose citing article '" + parent + "' is not in the index");
    } else {
      auto tl = doc.termlist_begin();
      tl.skip_to(std::string(schema::prefix::file));
      if (tl == doc.termlist_end() || (*tl).rfind(std::string(schema::prefix::file), 0) != 0)
        problems.add(where + ": an article without the term of the file it came from");
    }
  }
  if (r.documents != db.get_doccount())
    problems.add("the index says it holds " + std::to_string(db.get_doccount()) + " documents but " +
                 std::to_string(r.documents) + " were found");
  return r;
}

CompactReport compact_index(const fs::path& dir) {
  require_index(dir);
  CompactReport report;
  report.bytes_before = directory_bytes(dir);
  auto parent = fs::absolute(dir).parent_path();
  auto fresh = parent / (dir.filename().string() + ".compact-" + std::to_string(getpid()));
  std::error_code ec;
  fs::remove_all(fresh, ec);
  try {
    // Hold the write lock throughout: no writer may change what is being copied.
    Xapian::WritableDatabase lock(dir.string(), Xapian::DB_OPEN);
    Xapian::Database(dir.string()).compact(fresh.string());
    if (renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, fs::absolute(dir).c_str(), RENAME_EXCHANGE) != 0) {
      auto err = std::string(strerror(errno));
      fs::remove_all(fresh, ec);
      throw IndexError(dir.string() + ": cannot swap the compacted index in: " + err + " (the index is unchanged)");
    }
  } catch (const Xapian::DatabaseLockError&) {
    fs::remove_all(fresh, ec);
    throw IndexError(dir.string() + ": index is locked by a process writing to it; compact it when that has finished");
  } catch (const Xapian::Error& e) {
    fs::remove_all(fresh, ec);
    throw IndexError(dir.string() + ": compaction failed: " + e.get_description() + " (the index is unchanged)");
  }
  fs::remove_all(fresh, ec);  // now the old index
  report.bytes_after = directory_bytes(dir);
  return report;
}

}  // namespace mslit
