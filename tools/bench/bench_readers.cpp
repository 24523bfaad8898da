// bench-readers: how fast the MEDLINE/PubMed XML reader reads, and whether
// its memory stays flat as a file grows. It builds PubmedArticleSet files of
// N and 10 x N records by repeating the PubmedArticle records of the given
// files with new PMIDs (as a baseline file holds 30,000), then reads each in
// a child process and reports records/s, MB/s and the child's peak RSS.
//
// Usage: bench-readers [--records N] [--runs R] [--keep DIR] FILE.xml[.gz]...
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "mslit/error.hpp"
#include "mslit/readers.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_gz(const fs::path& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error(path.string() + ": cannot open");
  std::string out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  gzclose(f);
  return out;
}

// The <PubmedArticle> records of a file, as text.
std::vector<std::string> records_of(const fs::path& path) {
  auto xml = read_gz(path);
  std::vector<std::string> out;
  const std::string open = "<PubmedArticle>", close = "</PubmedArticle>";
  for (std::size_t at = 0; (at = xml.find(open, at)) != std::string::npos;) {
    auto end = xml.find(close, at);
    if (end == std::string::npos) break;
    out.push_back(xml.substr(at, end + close.size() - at));
    at = end;
  }
  return out;
}

// Writes `count` records cycling through `records`, each with a new PMID.
std::uintmax_t write_set(const fs::path& out, const std::vector<std::string>& records, std::size_t count) {
  std::ofstream f(out, std::ios::binary);
  f << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PubmedArticleSet>\n";
  for (std::size_t i = 0; i < count; ++i) {
    std::string r = records[i % records.size()];
    auto p = r.find("<PMID");
    auto gt = r.find('>', p);
    auto end = r.find("</PMID>", gt);
    if (p != std::string::npos && gt != std::string::npos && end != std::string::npos)
      r.replace(gt + 1, end - gt - 1, std::to_string(90000000 + i));
    f << r << "\n";
  }
  f << "</PubmedArticleSet>\n";
  f.close();
  return fs::file_size(out);
}

struct Measure {
  double seconds = 0;
  std::size_t records = 0;
  long peak_rss_kb = 0;
};

// Reads the file in a child process, so its peak RSS is the reader's alone.
Measure measure(const fs::path& file) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    std::size_t records = 0;
    auto start = std::chrono::steady_clock::now();
    try {
      mslit::read_file(file, file.string(), "pubmed-xml", [&](mslit::Article&&) { ++records; });
    } catch (const mslit::Error& e) {
      std::cerr << e.what() << "\n";
      _exit(1);
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Measure m{s, records, 0};
    if (write(fds[1], &m, sizeof m) != sizeof m) _exit(1);
    _exit(0);
  }
  close(fds[1]);
  Measure m;
  auto got = read(fds[0], &m, sizeof m);
  close(fds[0]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  if (got != sizeof m || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error(file.string() + ": the reader failed");
  m.peak_rss_kb = usage.ru_maxrss;
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t base = 3000;
  int runs = 3;
  fs::path keep;
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::cout << "Usage: bench-readers [--records N] [--runs R] [--keep DIR] FILE.xml[.gz]...\n"
                   "Reads PubmedArticleSet files of N and 10 x N records (default 3000) made from the\n"
                   "records of FILEs with new PMIDs; prints records/s, MB/s and peak RSS (median of R runs).\n";
      return 0;
    }
    if (a == "--records" && i + 1 < argc) base = std::stoul(argv[++i]);
    else if (a == "--runs" && i + 1 < argc) runs = std::stoi(argv[++i]);
    else if (a == "--keep" && i + 1 < argc) keep = argv[++i];
    else if (!a.empty() && a[0] == '-') {
      std::cerr << "bench-readers: unknown option " << a << " (see --help)\n";
      return 2;
    } else inputs.emplace_back(a);
  }
  if (inputs.empty()) {
    std::cerr << "bench-readers: give PubMed XML files to take records from (see --help)\n";
    return 2;
  }
  try {
    std::vector<std::string> records;
    for (auto& in : inputs) {
      auto r = records_of(in);
      records.insert(records.end(), r.begin(), r.end());
    }
    if (records.empty()) throw std::runtime_error("no <PubmedArticle> records in the input files");
    fs::path dir = keep.empty() ? fs::temp_directory_path() / ("bench-readers-" + std::to_string(getpid())) : keep;
    fs::create_directories(dir);
    std::cout << "MEDLINE XML reader: " << records.size() << " distinct records repeated with new PMIDs; median of "
              << runs << " runs\n\n";
    std::cout << std::left << std::setw(10) << "records" << std::right << std::setw(10) << "MB" << std::setw(12)
              << "seconds" << std::setw(12) << "records/s" << std::setw(10) << "MB/s" << std::setw(14)
              << "peak RSS MB" << "\n";
    for (std::size_t count : {base, base * 10}) {
      auto file = dir / ("pubmed-" + std::to_string(count) + ".xml");
      auto bytes = write_set(file, records, count);
      std::vector<Measure> ms;
      for (int r = 0; r < runs; ++r) ms.push_back(measure(file));
      std::sort(ms.begin(), ms.end(), [](auto& a, auto& b) { return a.seconds < b.seconds; });
      auto m = ms[ms.size() / 2];
      long peak = 0;
      for (auto& x : ms) peak = std::max(peak, x.peak_rss_kb);
      if (m.records != count) throw std::runtime_error(file.string() + ": read " + std::to_string(m.records) + " records");
      double mb = static_cast<double>(bytes) / 1e6;
      std::cout << std::left << std::setw(10) << count << std::right << std::fixed << std::setprecision(1)
                << std::setw(10) << mb << std::setw(12) << std::setprecision(2) << m.seconds << std::setw(12)
                << std::setprecision(0) << static_cast<double>(count) / m.seconds << std::setw(10) << std::setprecision(1)
                << mb / m.seconds << std::setw(14) << static_cast<double>(peak) / 1024.0 << "\n";
      if (keep.empty()) fs::remove(file);
    }
    if (keep.empty()) fs::remove_all(dir);
  } catch (const std::exception& e) {
    std::cerr << "bench-readers: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
