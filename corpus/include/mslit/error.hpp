// Errors thrown by the mslit libraries. The libraries never print or exit; the
// command-line tools turn these into one line on stderr and an exit status.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace mslit {

/// Base of every error mslit throws.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The caller asked for something that cannot be done as asked (bad option
/// value, unknown format name, malformed filter). The CLI exits with status 2.
class UsageError : public Error {
 public:
  using Error::Error;
};

/// An input file could not be read or understood. what() is
/// "FILE: message" or "FILE:LINE: message" so a user can go straight to it.
class InputError : public Error {
 public:
  InputError(std::string file, std::size_t line, const std::string& message);
  const std::string& file() const noexcept { return file_; }
  std::size_t line() const noexcept { return line_; }  ///< 0 when not known

 private:
  std::string file_;
  std::size_t line_;
};

/// The index could not be opened, read or written (missing, locked, built
/// with another schema version, corrupt).
class IndexError : public Error {
 public:
  using Error::Error;
};

}  // namespace mslit
