#include "mslit/indexer.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <xapian.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "document_builder.hpp"
#include "mslit/annotators.hpp"
#include "mslit/error.hpp"
#include "mslit/schema.hpp"
#include "mslit/text.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace mslit {
namespace {

constexpr const char* writer_file = "mslit.writer";  // the PID of the process writing, for "locked by"

std::string now_utc_iso8601() {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool is_hidden(const fs::path& p) {
  auto name = p.filename().string();
  return name.size() > 1 && name[0] == '.' && name != "..";
}

bool is_xapian_database(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "iamglass", ec) || fs::exists(dir / "iamchert", ec) || fs::exists(dir / "iamhoney", ec);
}

std::string canonical_string(const fs::path& p) {
  std::error_code ec;
  auto c = fs::weakly_canonical(fs::absolute(p, ec), ec);
  return (ec ? p : c).generic_string();
}

// The content of a file, as a CRC-32 (zlib's, fast) and its size: what
// "unchanged" means. The modification time alone is not trusted.
struct ContentId {
  std::uint64_t size = 0;
  std::uint32_t crc = 0;
};

std::optional<ContentId> content_id(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  ContentId id;
  uLong crc = crc32(0L, Z_NULL, 0);
  std::vector<char> buf(1 << 20);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    auto n = static_cast<std::size_t>(in.gcount());
    if (n == 0) break;
    crc = crc32(crc, reinterpret_cast<const Bytef*>(buf.data()), static_cast<uInt>(n));
    id.size += n;
  }
  if (in.bad()) return std::nullopt;
  id.crc = static_cast<std::uint32_t>(crc);
  return id;
}

std::string read_writer_pid(const fs::path& dir) {
  std::ifstream in(dir / writer_file);
  std::string pid;
  in >> pid;
  return pid;
}

// Opens the index for writing, refusing directories that are not mslit indexes.
Xapian::WritableDatabase open_writable(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw IndexError(dir.string() + ": exists and is not a directory");
  if (fs::is_directory(dir, ec) && !fs::is_empty(dir, ec) && !fs::exists(dir / "iamglass", ec))
    throw IndexError(dir.string() + ": directory exists and is not an mslit index (refusing to write into it)");
  try {
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OPEN);
    auto version = db.get_metadata(std::string(schema::metadata::version));
    if (version.empty() && db.get_doccount() > 0)
      throw IndexError(dir.string() + ": a Xapian database, but not one written by mslit");
    if (!version.empty() && version != std::to_string(schema::version))
      throw IndexError(dir.string() + ": index has schema version " + version + ", this mslit writes version " +
                       std::to_string(schema::version) + "; index into a new directory");
    if (version.empty()) {
      db.set_metadata(std::string(schema::metadata::version), std::to_string(schema::version));
      db.commit();
    }
    // Say who holds the lock, for the next writer's message.
    std::ofstream(dir / writer_file) << getpid() << "\n";
    return db;
  } catch (const Xapian::DatabaseLockError&) {
    auto pid = read_writer_pid(dir);
    throw IndexError(dir.string() + ": index is locked by " + (pid.empty() ? "another process" : "process " + pid) +
                     " writing to it; wait for it to finish");
  } catch (const Xapian::Error& e) {
    throw IndexError(dir.string() + ": cannot open index for writing: " + e.get_description());
  }
}

std::string hex64(std::uint64_t v) { return hex_digits(v, 16); }

}  // namespace

struct Indexer::Impl {
  fs::path dir;
  IndexOptions options;
  MessageSink messages;
  ProgressSink progress;
  Xapian::WritableDatabase db;
  Analyzer analyzer;
  DocumentBuilder builder{analyzer};
  IndexSummary summary;
  std::map<std::string, std::string> skipped;  // file -> reason, as recorded in the index
  bool in_batch = false;
  std::size_t batch_docs = 0;  // documents changed in the open batch
  IndexProgress where;

  Impl(const fs::path& d, IndexOptions o, MessageSink m, ProgressSink p)
      : dir(d), options(std::move(o)), messages(std::move(m)), progress(std::move(p)), db(open_writable(d)) {
    if (!options.format.empty() && !is_known_format(options.format))
      throw UsageError("unknown format '" + options.format + "'");
    if (options.batch_size == 0) options.batch_size = 1;
    auto recorded = db.get_metadata(std::string(schema::metadata::skipped));
    if (!recorded.empty()) {
      auto j = json::parse(recorded, nullptr, false);
      if (j.is_array())
        for (auto& e : j)
          if (e.is_object() && e.contains("file") && e.contains("reason"))
            skipped[e["file"].get<std::string>()] = e["reason"].get<std::string>();
    }
  }

  ~Impl() {
    // An unfinished batch is dropped, as if the run had been killed before it.
    if (in_batch) try {
        db.cancel_transaction();
      } catch (const Xapian::Error&) {
      }
    std::error_code ec;
    if (read_writer_pid(dir) == std::to_string(getpid())) fs::remove(dir / writer_file, ec);
  }

  void say(const std::string& line) {
    if (messages) messages(line);
  }

  void skip(const std::string& file, const std::string& reason) {
    summary.skipped.push_back({file, reason});
    skipped[file] = reason;
    say(file + ": skipping - " + reason);
  }

  // ---- batches: every change happens inside one; a batch commits all or nothing.

  void begin() {
    if (in_batch) return;
    db.begin_transaction(true);
    in_batch = true;
  }

  void changed(std::size_t docs = 1) {
    batch_docs += docs;
    if (batch_docs >= options.batch_size) commit();
  }

  void commit() {
    begin();
    json list = json::array();
    for (auto& [file, reason] : skipped) list.push_back({{"file", file}, {"reason", reason}});
    try {
      db.set_metadata(std::string(schema::metadata::skipped), list.dump());
      db.set_metadata(std::string(schema::metadata::last_updated), now_utc_iso8601());
      db.commit_transaction();
    } catch (const Xapian::Error& e) {
      in_batch = false;
      throw IndexError(dir.string() + ": commit failed: " + e.get_description());
    }
    in_batch = false;
    batch_docs = 0;
    ++summary.commits;
  }

  // ---- the state of each indexed file, kept in the index's metadata.

  static std::string state_key(const std::string& file_key) { return std::string(schema::metadata::file_state) + file_key; }

  json file_state(const std::string& key) {
    auto j = json::parse(db.get_metadata(state_key(key)), nullptr, false);
    return j.is_object() ? j : json();
  }

  // ---- documents

  // Deletes a document and, for an article, its references; returns how many went.
  std::size_t delete_article(Xapian::docid id, const std::string& article_id) {
    std::size_t n = 0;
    std::vector<Xapian::docid> refs;
    auto parent = std::string(schema::prefix::parent) + article_id;
    for (auto it = db.postlist_begin(parent); it != db.postlist_end(parent); ++it) refs.push_back(*it);
    for (auto r : refs) db.delete_document(r), ++n;
    db.delete_document(id);
    return n + 1;
  }

  // Writes an article and its references unless the index already holds them
  // exactly so (same fingerprint, same file). `stale` loses every docid kept.
  void write(Article& article, const std::string& key, std::unordered_set<Xapian::docid>& stale, std::size_t& written,
             std::size_t& unchanged_articles) {
    annotate(article, analyzer);
    auto doc = builder.article(article, key);
    std::vector<std::pair<std::string, Xapian::Document>> refs;
    std::uint64_t fp = fnv1a64(doc.get_data());
    for (auto& ref : article.references) {
      auto rdoc = builder.reference(article, ref, key);
      fp = fp * 1099511628211ULL ^ fnv1a64(rdoc.get_data());
      refs.emplace_back(std::string(schema::prefix::id) + reference_id(article.id, ref.ordinal), std::move(rdoc));
    }
    auto fingerprint = hex64(fp);
    doc.add_value(schema::slot::fingerprint, fingerprint);
    auto id_term = std::string(schema::prefix::id) + article.id;
    auto file_term = std::string(schema::prefix::file) + key;

    begin();
    auto parent = std::string(schema::prefix::parent) + article.id;
    auto existing = db.postlist_begin(id_term);
    if (existing != db.postlist_end(id_term)) {
      auto old = db.get_document(*existing);
      auto owners = file_terms(old);
      bool owned = std::find(owners.begin(), owners.end(), file_term) != owners.end();
      if (old.get_value(schema::slot::fingerprint) == fingerprint) {
        // The same record: at most this file joins its owners.
        std::vector<Xapian::docid> docs{*existing};
        for (auto it = db.postlist_begin(parent); it != db.postlist_end(parent); ++it) docs.push_back(*it);
        for (auto d : docs) {
          stale.erase(d);
          if (!owned) {
            auto x = db.get_document(d);
            x.add_boolean_term(file_term);
            db.replace_document(d, x);
          }
        }
        if (!owned) changed(docs.size());
        ++unchanged_articles;
        return;
      }
      // A changed record keeps every file that holds it (the same PMID in two
      // exports): removing one file must not remove what the other still has.
      for (auto& f : owners) {
        doc.add_boolean_term(f);
        for (auto& r : refs) r.second.add_boolean_term(f);
      }
      // A reference list that shrank must not leave references behind.
      std::unordered_set<std::string> new_refs;
      for (auto& r : refs) new_refs.insert(r.first);
      std::vector<Xapian::docid> gone;
      for (auto it = db.postlist_begin(parent); it != db.postlist_end(parent); ++it) {
        auto tl = db.termlist_begin(*it);
        tl.skip_to(std::string(schema::prefix::id));
        if (tl == db.termlist_end(*it) || !new_refs.count(*tl)) gone.push_back(*it);
      }
      for (auto r : gone) {
        db.delete_document(r);
        stale.erase(r);
        ++summary.documents_removed;
      }
    }
    stale.erase(db.replace_document(id_term, doc));
    for (auto& [term, rdoc] : refs) stale.erase(db.replace_document(term, rdoc));
    add_spellings(article);
    ++written;
    summary.references += refs.size();
    changed(1 + refs.size());
  }

  // The words of titles and abstracts feed Xapian's spelling dictionary, from
  // which the searcher suggests corrections ("did you mean"). Each word counts
  // once per article; body text and citations are left out to keep it small.
  void add_spellings(const Article& article) {
    std::unordered_set<std::string> words;
    for (auto* text : {&article.title, &article.abstract})
      for (auto& t : analyzer.analyze(*text))
        if (!t.compound && t.term.size() >= 4 &&
            std::all_of(t.term.begin(), t.term.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
          words.insert(t.term);
    for (auto& w : words) db.add_spelling(w);
  }

  // The source-file terms (XF...) of a document: the files that hold it.
  static std::vector<std::string> file_terms(const Xapian::Document& doc) {
    std::vector<std::string> out;
    auto prefix = std::string(schema::prefix::file);
    auto tl = doc.termlist_begin();
    tl.skip_to(prefix);
    for (; tl != doc.termlist_end() && (*tl).rfind(prefix, 0) == 0; ++tl) out.push_back(*tl);
    return out;
  }

  // A file lets go of a document: the document goes when no other file holds it.
  // Returns whether it was deleted.
  bool release(Xapian::docid id, const std::string& file_term) {
    auto doc = db.get_document(id);
    auto owners = file_terms(doc);
    if (owners.size() <= 1) {
      db.delete_document(id);
      return true;
    }
    doc.remove_term(file_term);
    db.replace_document(id, doc);
    return false;
  }

  void index_file(const fs::path& path, const std::string& source, std::uint64_t size_on_disk) {
    where.file = source;
    auto key = file_key(path);
    auto id = content_id(path);
    if (!id) {
      skip(source, "cannot read");
      return;
    }
    auto state = file_state(key);
    bool known = !state.is_null();
    if (known && !options.force && state.value("crc32", 0u) == id->crc && state.value("size", 0ull) == id->size &&
        state.value("source", "") == source && !skipped.count(source)) {
      ++summary.files_unchanged;
      return;
    }

    // The documents the file gave last time: what is not found again goes.
    std::unordered_set<Xapian::docid> stale;
    auto file_term = std::string(schema::prefix::file) + key;
    for (auto it = db.postlist_begin(file_term); it != db.postlist_end(file_term); ++it) stale.insert(*it);

    std::size_t written = 0, unchanged = 0, records = 0;
    auto base_bytes = where.bytes_done;
    ReadReport report;
    try {
      report = read_file(
          path, source, options.format,
          [&](Article&& a) {
            ++records;
            write(a, key, stale, written, unchanged);
          },
          [&](const std::string& m) { say(m); },
          [&](std::uint64_t offset) {
            ++where.records;
            where.bytes_done = base_bytes + std::min<std::uint64_t>(offset, size_on_disk);
            if (progress) progress(where);
          });
    } catch (const InputError& e) {
      // what() is "FILE: reason"; record just the reason. Nothing of the file was written.
      std::string reason = e.what();
      if (reason.rfind(source + ": ", 0) == 0) reason = reason.substr(source.size() + 2);
      skip(source, reason);
      return;
    } catch (const Xapian::Error& e) {
      throw IndexError(dir.string() + ": writing the documents of " + source + " failed: " + e.get_description());
    }
    summary.warnings += report.warnings;
    summary.skipped_records += report.skipped_records;
    summary.articles += written;
    summary.articles_unchanged += unchanged;
    if (records == 0) {
      skip(source, report.error.empty() ? "no records found (" + report.format + " reader)" : report.error);
      return;
    }
    if (!report.error.empty()) {
      // Partly read: what was read is indexed, nothing else is removed, and
      // the file stays listed as a problem (and is read again next time).
      auto reason = "partly read (" + std::to_string(records) + " records): " + report.error;
      summary.skipped.push_back({source, reason});
      skipped[source] = reason;
      return;
    }
    begin();
    for (auto docid : stale) {
      try {
        if (release(docid, file_term)) ++summary.documents_removed;
      } catch (const Xapian::DocNotFoundError&) {
      }
    }
    json st = {{"source", source},          {"path", canonical_string(path)}, {"size", id->size},
               {"crc32", id->crc},          {"format", report.format},        {"articles", records},
               {"indexed", now_utc_iso8601()}};
    db.set_metadata(state_key(key), st.dump());
    skipped.erase(source);
    ++(known ? summary.files_updated : summary.files_added);
    changed(stale.size());
  }

  // Every regular file below the given paths, in name order, with its size.
  std::vector<std::pair<fs::path, std::uint64_t>> collect(const std::vector<fs::path>& paths) {
    std::vector<std::pair<fs::path, std::uint64_t>> files;
    auto index_dir = canonical_string(dir);
    for (auto& path : paths) {
      std::error_code ec;
      auto status = fs::status(path, ec);
      if (ec || !fs::exists(status)) {
        skip(path.string(), "no such file or directory");
        continue;
      }
      if (!fs::is_directory(status)) {
        if (!fs::is_regular_file(status)) skip(path.string(), "not a regular file");
        else files.emplace_back(path, fs::file_size(path, ec));
        continue;
      }
      std::vector<std::pair<fs::path, std::uint64_t>> below;
      fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
      if (ec) {
        skip(path.string(), "cannot list directory: " + ec.message());
        continue;
      }
      for (; it != end; it.increment(ec)) {
        if (ec) break;
        if (it->is_directory(ec)) {
          // Hidden folders, and indexes (this one or any other), are not collections.
          if (is_hidden(it->path()) || is_xapian_database(it->path()) || canonical_string(it->path()) == index_dir)
            it.disable_recursion_pending();
          continue;
        }
        if (is_hidden(it->path())) continue;
        if (it->is_regular_file(ec)) below.emplace_back(it->path(), it->file_size(ec));
      }
      std::sort(below.begin(), below.end());
      files.insert(files.end(), below.begin(), below.end());
    }
    return files;
  }

  void add(const std::vector<fs::path>& paths) {
    auto files = collect(paths);
    where.files_total += files.size();
    for (auto& [f, size] : files) where.bytes_total += size;
    std::uint64_t done = where.bytes_done;
    for (auto& [f, size] : files) {
      index_file(f, f.string(), size);
      ++where.files_done;
      where.bytes_done = done += size;
      if (progress) progress(where);
    }
  }

  // Lets a file go of all its documents; returns how many were deleted
  // (those no other file holds).
  std::size_t release_file(const std::string& file_term) {
    std::vector<Xapian::docid> ids;
    for (auto it = db.postlist_begin(file_term); it != db.postlist_end(file_term); ++it) ids.push_back(*it);
    begin();
    std::size_t deleted = 0;
    for (auto id : ids) deleted += release(id, file_term);
    changed(ids.size());
    return deleted;
  }
};

Indexer::Indexer(const fs::path& db_dir, IndexOptions options, MessageSink messages, ProgressSink progress)
    : impl_(std::make_unique<Impl>(db_dir, std::move(options), std::move(messages), std::move(progress))) {}

Indexer::~Indexer() = default;

void Indexer::add(const std::vector<fs::path>& paths) {
  try {
    impl_->add(paths);
  } catch (const Xapian::Error& e) {
    throw IndexError(impl_->dir.string() + ": " + e.get_description());
  }
}

void Indexer::prune(const std::vector<fs::path>& paths) {
  auto& I = *impl_;
  std::vector<std::string> roots;
  for (auto& p : paths) roots.push_back(canonical_string(p));
  auto prefix = std::string(schema::metadata::file_state);
  std::vector<std::pair<std::string, json>> gone;
  for (auto it = I.db.metadata_keys_begin(prefix); it != I.db.metadata_keys_end(prefix); ++it) {
    auto st = json::parse(I.db.get_metadata(*it), nullptr, false);
    if (!st.is_object()) continue;
    auto path = st.value("path", "");
    bool under = roots.empty() || std::any_of(roots.begin(), roots.end(), [&](const std::string& r) {
                   return path == r || (path.rfind(r, 0) == 0 && path.size() > r.size() && path[r.size()] == '/');
                 });
    std::error_code ec;
    if (under && !path.empty() && !fs::exists(path, ec)) gone.emplace_back((*it).substr(prefix.size()), st);
  }
  for (auto& [key, st] : gone) {
    auto n = I.release_file(std::string(schema::prefix::file) + key);
    I.db.set_metadata(Impl::state_key(key), "");
    I.skipped.erase(st.value("source", ""));
    I.summary.documents_removed += n;
    ++I.summary.files_removed;
    I.say(st.value("source", "") + ": removed (" + std::to_string(n) + " documents): the file no longer exists");
  }
}

DeleteSummary Indexer::remove_ids(const std::vector<std::string>& ids) {
  auto& I = *impl_;
  DeleteSummary s;
  for (auto& id : ids) {
    auto term = std::string(schema::prefix::id) + id;
    auto it = I.db.postlist_begin(term);
    if (it == I.db.postlist_end(term)) {
      s.not_found.push_back(id);
      continue;
    }
    auto docid = *it;
    auto doc = I.db.get_document(docid);
    auto kind = doc.get_value(schema::slot::kind);
    I.begin();
    if (kind == "reference") {
      I.db.delete_document(docid);
      ++s.references;
      I.changed();
    } else {
      auto n = I.delete_article(docid, id);
      ++s.articles;
      s.references += n - 1;
      I.changed(n);
    }
  }
  I.summary.documents_removed += s.articles + s.references;
  return s;
}

DeleteSummary Indexer::remove_sources(const std::vector<fs::path>& sources) {
  auto& I = *impl_;
  DeleteSummary s;
  for (auto& src : sources) {
    auto key = file_key(src);
    auto term = std::string(schema::prefix::file) + key;
    std::vector<Xapian::docid> ids;
    for (auto it = I.db.postlist_begin(term); it != I.db.postlist_end(term); ++it) ids.push_back(*it);
    if (ids.empty()) {
      s.not_found.push_back(src.string());
      continue;
    }
    // Count what goes: a document another file also holds stays.
    I.begin();
    for (auto id : ids) {
      bool reference = I.db.get_document(id).get_value(schema::slot::kind) == "reference";
      if (I.release(id, term)) ++(reference ? s.references : s.articles);
    }
    I.changed(ids.size());
    I.db.set_metadata(Impl::state_key(key), "");
  }
  I.summary.documents_removed += s.articles + s.references;
  return s;
}

IndexSummary Indexer::finish() {
  impl_->commit();
  return impl_->summary;
}

}  // namespace mslit
