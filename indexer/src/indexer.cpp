#include "mslit/indexer.hpp"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>

#include "document_builder.hpp"
#include "mslit/annotators.hpp"
#include "mslit/error.hpp"
#include "mslit/readers.hpp"
#include "mslit/schema.hpp"

namespace fs = std::filesystem;

namespace mslit {
namespace {

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
    if (version.empty()) db.set_metadata(std::string(schema::metadata::version), std::to_string(schema::version));
    return db;
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexError(dir.string() + ": index is locked by another process writing to it");
  } catch (const Xapian::Error& e) {
    throw IndexError(dir.string() + ": cannot open index for writing: " + e.get_description());
  }
}

}  // namespace

struct Indexer::Impl {
  fs::path dir;
  IndexOptions options;
  MessageSink messages;
  Xapian::WritableDatabase db;
  Analyzer analyzer;
  DocumentBuilder builder{analyzer};
  IndexSummary summary;
  std::map<std::string, std::string> skipped;  // file -> reason, as recorded in the index
  std::size_t pending = 0;
  std::string current_key;  // file_key() of the file being indexed

  Impl(const fs::path& d, IndexOptions o, MessageSink m)
      : dir(d), options(std::move(o)), messages(std::move(m)), db(open_writable(d)) {
    if (!options.format.empty() && !is_known_format(options.format))
      throw UsageError("unknown format '" + options.format + "'");
    auto recorded = db.get_metadata(std::string(schema::metadata::skipped));
    if (!recorded.empty()) {
      auto j = nlohmann::json::parse(recorded, nullptr, false);
      if (j.is_array())
        for (auto& e : j)
          if (e.is_object() && e.contains("file") && e.contains("reason"))
            skipped[e["file"].get<std::string>()] = e["reason"].get<std::string>();
    }
  }

  void say(const std::string& line) {
    if (messages) messages(line);
  }

  void skip(const std::string& file, const std::string& reason) {
    summary.skipped.push_back({file, reason});
    skipped[file] = reason;
    say(file + ": skipping - " + reason);
  }

  void index_file(const fs::path& path, const std::string& source) {
    // All of a file's documents, or none of them: the old ones go in the same
    // transaction, and the records are written as the reader streams them.
    bool in_transaction = false;
    std::size_t articles = 0, references = 0;
    auto write = [&](Article&& article) {
      annotate(article, analyzer);
      if (!in_transaction) {
        db.begin_transaction(false);
        in_transaction = true;
        db.delete_document(std::string(schema::prefix::file) + current_key);
      }
      const auto& key = current_key;
      db.replace_document(std::string(schema::prefix::id) + article.id, builder.article(article, key));
      for (auto& ref : article.references)
        db.replace_document(std::string(schema::prefix::id) + reference_id(article.id, ref.ordinal),
                            builder.reference(article, ref, key));
      ++articles;
      references += article.references.size();
    };
    auto cancel = [&] {
      if (!in_transaction) return;
      try {
        db.cancel_transaction();
      } catch (const Xapian::Error&) {
      }
      in_transaction = false;
    };
    ReadReport report;
    try {
      current_key = file_key(path);
      report = read_file(path, source, options.format, write, [&](const std::string& m) { say(m); });
      if (in_transaction) db.commit_transaction();
      in_transaction = false;
    } catch (const InputError& e) {
      cancel();
      // what() is "FILE: reason"; record just the reason.
      std::string reason = e.what();
      if (reason.rfind(source + ": ", 0) == 0) reason = reason.substr(source.size() + 2);
      skip(source, reason);
      return;
    } catch (const Xapian::Error& e) {
      cancel();
      throw IndexError(dir.string() + ": writing the documents of " + source + " failed: " + e.get_description());
    } catch (...) {
      cancel();
      throw;
    }
    summary.warnings += report.warnings;
    summary.skipped_records += report.skipped_records;
    if (articles == 0) {
      skip(source, report.error.empty() ? "no records found (" + report.format + " reader)" : report.error);
      return;
    }
    summary.articles += articles;
    summary.references += references;
    if (!report.error.empty()) {
      // Partly read: what was read is indexed, and the file stays listed as a problem.
      auto reason = "partly read (" + std::to_string(articles) + " records): " + report.error;
      summary.skipped.push_back({source, reason});
      skipped[source] = reason;
    } else {
      skipped.erase(source);
    }
    ++summary.files_indexed;
    if (++pending >= options.commit_every) commit();
  }

  void commit() {
    nlohmann::json list = nlohmann::json::array();
    for (auto& [file, reason] : skipped) list.push_back({{"file", file}, {"reason", reason}});
    try {
      db.set_metadata(std::string(schema::metadata::skipped), list.dump());
      db.set_metadata(std::string(schema::metadata::last_updated), now_utc_iso8601());
      db.commit();
    } catch (const Xapian::Error& e) {
      throw IndexError(dir.string() + ": commit failed: " + e.get_description());
    }
    pending = 0;
  }
};

Indexer::Indexer(const fs::path& db_dir, IndexOptions options, MessageSink messages)
    : impl_(std::make_unique<Impl>(db_dir, std::move(options), std::move(messages))) {}

Indexer::~Indexer() = default;

void Indexer::add(const fs::path& path) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    impl_->skip(path.string(), "no such file or directory");
    return;
  }
  if (!fs::is_directory(status)) {
    if (!fs::is_regular_file(status)) {
      impl_->skip(path.string(), "not a regular file");
      return;
    }
    impl_->index_file(path, path.string());
    return;
  }
  std::vector<fs::path> files;
  fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) {
    impl_->skip(path.string(), "cannot list directory: " + ec.message());
    return;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    if (is_hidden(it->path())) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  for (auto& f : files) impl_->index_file(f, f.string());
}

IndexSummary Indexer::finish() {
  impl_->commit();
  return impl_->summary;
}

}  // namespace mslit
