// Figures for annotator evaluations: a per-class precision / recall / F1 table
// and a confusion table, printed as aligned plain text. Every evaluation in
// eval-annotators prints through these, so the reports read alike.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iomanip>
#include <map>
#include <optional>
#include <set>
#include <ostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace mslit::eval {

/// Counts for one class. `fn` is empty when the evaluation cannot know the
/// misses (a precision-only evaluation); recall and F1 then print as "-".
struct Counts {
  std::size_t tp = 0;
  std::size_t fp = 0;
  std::optional<std::size_t> fn;

  std::optional<double> precision() const {
    return tp + fp ? std::optional<double>(double(tp) / double(tp + fp)) : std::nullopt;
  }
  std::optional<double> recall() const {
    return fn && tp + *fn ? std::optional<double>(double(tp) / double(tp + *fn)) : std::nullopt;
  }
  std::optional<double> f1() const {
    auto p = precision(), r = recall();
    return p && r && *p + *r > 0 ? std::optional<double>(2 * *p * *r / (*p + *r)) : std::nullopt;
  }
  Counts& operator+=(const Counts& o) {
    tp += o.tp;
    fp += o.fp;
    if (o.fn) fn = fn.value_or(0) + *o.fn;
    return *this;
  }
};

inline std::string percent(std::optional<double> v) {
  if (!v) return "-";
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << *v * 100;
  return s.str();
}

/// Prints one row per class, sorted by tp + fp (largest first), then a total.
/// Columns: class, tp, fp, fn, precision %, recall %, F1 %.
inline void print_prf_table(std::ostream& out, const std::string& class_header, const std::map<std::string, Counts>& rows,
                            std::size_t max_rows = 50) {
  std::vector<std::pair<std::string, Counts>> sorted(rows.begin(), rows.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](auto& a, auto& b) { return a.second.tp + a.second.fp > b.second.tp + b.second.fp; });
  std::size_t width = class_header.size();
  for (auto& [name, c] : sorted) width = std::max(width, name.size());
  width = std::min<std::size_t>(width, 40);
  auto row = [&](const std::string& name, const Counts& c) {
    out << "  " << std::left << std::setw(int(width)) << name.substr(0, 40) << std::right << std::setw(7) << c.tp
        << std::setw(7) << c.fp << std::setw(7) << (c.fn ? std::to_string(*c.fn) : "-") << std::setw(8)
        << percent(c.precision()) << std::setw(8) << percent(c.recall()) << std::setw(8) << percent(c.f1()) << "\n";
  };
  out << "  " << std::left << std::setw(int(width)) << class_header << std::right << std::setw(7) << "tp"
      << std::setw(7) << "fp" << std::setw(7) << "fn" << std::setw(8) << "P%" << std::setw(8) << "R%" << std::setw(8)
      << "F1%" << "\n";
  Counts total;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i < max_rows) row(sorted[i].first, sorted[i].second);
    total += sorted[i].second;
  }
  if (sorted.size() > max_rows) out << "  (" << sorted.size() - max_rows << " more rows in the total)\n";
  row("total", total);
}

/// Gold class by predicted class counts (evidence type vs publication type, say).
class ConfusionTable {
 public:
  void add(const std::string& gold, const std::string& predicted, std::size_t n = 1) {
    cells_[{gold, predicted}] += n;
    labels_.insert(gold);
    labels_.insert(predicted);
  }
  std::size_t at(const std::string& gold, const std::string& predicted) const {
    auto it = cells_.find({gold, predicted});
    return it == cells_.end() ? 0 : it->second;
  }
  /// Per-class counts: tp on the diagonal, fp down the predicted column, fn along the gold row.
  std::map<std::string, Counts> per_class() const {
    std::map<std::string, Counts> out;
    for (auto& [key, n] : cells_) {
      auto& [gold, predicted] = key;
      if (gold == predicted) {
        out[gold].tp += n;
      } else {
        out[predicted].fp += n;
        out[gold].fn = out[gold].fn.value_or(0) + n;
      }
    }
    for (auto& [name, c] : out) c.fn = c.fn.value_or(0);
    return out;
  }
  /// Rows are gold classes, columns predicted ones.
  void print(std::ostream& out) const {
    const auto& labels = labels_;
    std::size_t width = 10;
    for (auto& l : labels) width = std::max(width, l.size());
    out << "  " << std::left << std::setw(int(width)) << "gold \\ predicted" << std::right;
    for (auto& l : labels) out << std::setw(int(std::max<std::size_t>(l.size(), 5) + 2)) << l;
    out << "\n";
    for (auto& g : labels) {
      out << "  " << std::left << std::setw(int(width)) << g << std::right;
      for (auto& p : labels) out << std::setw(int(std::max<std::size_t>(p.size(), 5) + 2)) << at(g, p);
      out << "\n";
    }
  }

 private:
  std::map<std::pair<std::string, std::string>, std::size_t> cells_;
  std::set<std::string> labels_;
};

/// The `n` keys with the largest counts, largest first (ties by key).
inline std::vector<std::pair<std::string, std::size_t>> top_counts(const std::map<std::string, std::size_t>& counts,
                                                                   std::size_t n) {
  std::vector<std::pair<std::string, std::size_t>> v(counts.begin(), counts.end());
  std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.second > b.second; });
  if (v.size() > n) v.resize(n);
  return v;
}

}  // namespace mslit::eval
