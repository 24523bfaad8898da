#include "input.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sstream>

#include "mslit/error.hpp"
#include "mslit/text.hpp"

namespace mslit {
namespace {

constexpr std::size_t chunk_bytes = 256 * 1024;
constexpr std::size_t head_bytes = 64 * 1024;

// The length of the UTF-8 sequence a lead byte starts; 0 for other bytes.
std::size_t sequence_length(unsigned char c) {
  if (c >= 0xC2 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xEF) return 3;
  if (c >= 0xF0 && c <= 0xF4) return 4;
  return 0;
}

// Where an incomplete sequence starts at the end of `s` (s.size() when none).
std::size_t incomplete_tail(std::string_view s) {
  for (std::size_t back = 1; back <= 3 && back <= s.size(); ++back) {
    auto c = static_cast<unsigned char>(s[s.size() - back]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte: look further back
    auto len = sequence_length(c);
    return len > back ? s.size() - back : s.size();
  }
  return s.size();
}

}  // namespace

InputStream::InputStream(const std::filesystem::path& path, std::string source) : source_(std::move(source)) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(source_, 0, "is a directory");
  errno = 0;
  file_ = gzopen(path.c_str(), "rb");
  if (!file_)
    throw InputError(source_, 0, std::string("cannot open for reading: ") + (errno ? std::strerror(errno) : "out of memory"));
  gzbuffer(file_, chunk_bytes);
  // Fill the head: the first 64 KiB of content, which detection looks at.
  // Damage found this early is kept for later when some content came before
  // it, so the records before the damage are still read.
  try {
    while (buffer_.size() < head_bytes && fill()) {
    }
  } catch (const InputError& e) {
    if (buffer_.empty()) throw;
    deferred_error_ = e.what();
  }
  compressed_ = gzdirect(file_) == 0;
  if (buffer_.empty()) throw InputError(source_, 0, compressed_ ? "empty file (nothing after decompression)" : "empty file");
  head_ = buffer_.substr(0, head_bytes);
  if (head_.find('\0') != std::string::npos) throw InputError(source_, 0, "binary file (contains NUL bytes), not text");
  if (std::all_of(head_.begin(), head_.end(), [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }) &&
      head_.size() < head_bytes)
    throw InputError(source_, 0, "empty file (only white space)");
}

InputStream::InputStream(std::string content, std::string source)
    : source_(std::move(source)), eof_(true), buffer_(std::move(content)) {
  head_ = buffer_.substr(0, head_bytes);
}

std::uint64_t InputStream::offset() const {
  if (!file_) return pos_;
  auto at = gzoffset(file_);
  return at < 0 ? 0 : static_cast<std::uint64_t>(at);
}

InputStream::~InputStream() {
  if (file_) gzclose(file_);
}

bool InputStream::fill() {
  if (!deferred_error_.empty()) {
    auto prefix = source_ + ": ";
    auto message = deferred_error_.substr(deferred_error_.rfind(prefix, 0) == 0 ? prefix.size() : 0);
    deferred_error_.clear();
    eof_ = true;
    throw InputError(source_, 0, message);
  }
  if (eof_) return false;
  if (raw_offset_ >= max_bytes) throw InputError(source_, 0, "larger than 1 GiB (after decompression); split it");
  std::string raw = std::move(carry_);
  carry_.clear();
  auto have = raw.size();
  raw.resize(have + chunk_bytes);
  int n = gzread(file_, raw.data() + have, static_cast<unsigned>(chunk_bytes));
  if (n < 0) {
    int code = 0;
    const char* msg = gzerror(file_, &code);
    throw InputError(source_, 0, std::string("cannot read: ") + (code == Z_ERRNO ? std::strerror(errno) : msg));
  }
  raw.resize(have + static_cast<std::size_t>(n));
  if (n == 0) {
    eof_ = true;
    // zlib reports a gzip stream cut short only through gzerror.
    int code = 0;
    const char* msg = gzerror(file_, &code);
    if (code != Z_OK && code != Z_STREAM_END) {
      // zlib's message starts with the path it was given.
      std::string m = msg;
      if (auto colon = m.rfind(": "); colon != std::string::npos) m = m.substr(colon + 2);
      throw InputError(source_, 0, "compressed data is damaged or cut short: " + m);
    }
    if (raw.empty()) return false;
  }
  std::string_view whole(raw);
  auto keep = eof_ ? whole.size() : incomplete_tail(whole);
  carry_ = std::string(whole.substr(keep));
  auto chunk = whole.substr(0, keep);
  auto repaired = repair_utf8(chunk);
  if (!repaired.bad_offsets.empty()) {
    if (bad_count_ == 0) {
      first_bad_offset_ = raw_offset_ + repaired.bad_offsets.front();
      first_bad_line_ = newlines_ + 1 + static_cast<std::size_t>(std::count(
                                            chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(repaired.bad_offsets.front()), '\n'));
    }
    bad_count_ += repaired.bad_offsets.size();
  }
  newlines_ += static_cast<std::size_t>(std::count(chunk.begin(), chunk.end(), '\n'));
  raw_offset_ += chunk.size();
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  buffer_ += repaired.text;
  return true;
}

std::size_t InputStream::read(char* out, std::size_t n) {
  if (pos_ >= buffer_.size() && !fill()) return 0;
  auto take = std::min(n, buffer_.size() - pos_);
  std::memcpy(out, buffer_.data() + pos_, take);
  pos_ += take;
  return take;
}

bool InputStream::getline(std::string& line, std::size_t max, bool* too_long) {
  line.clear();
  if (too_long) *too_long = false;
  bool any = false;
  for (;;) {
    if (pos_ >= buffer_.size() && !fill()) break;
    any = true;
    auto nl = buffer_.find('\n', pos_);
    auto end = nl == std::string::npos ? buffer_.size() : nl;
    auto room = line.size() < max ? max - line.size() : 0;
    auto take = std::min(room, end - pos_);
    if (take < end - pos_ && too_long) *too_long = true;
    line.append(buffer_, pos_, take);
    if (nl != std::string::npos) {
      pos_ = nl + 1;
      break;
    }
    pos_ = buffer_.size();
  }
  if (!any) return false;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  ++line_number_;
  return true;
}

std::string InputStream::read_all() {
  std::string all = buffer_.substr(pos_);
  pos_ = buffer_.size();
  while (fill()) {
    all += buffer_;
    pos_ = buffer_.size();
  }
  return all;
}

std::string InputStream::utf8_warning() const {
  if (bad_count_ == 0) return {};
  std::ostringstream msg;
  msg << source_ << ":" << first_bad_line_ << ": warning: invalid UTF-8 at byte " << first_bad_offset_;
  if (bad_count_ > 1) msg << " (and " << bad_count_ - 1 << " more)";
  msg << ", replaced with U+FFFD";
  return msg.str();
}

}  // namespace mslit
