// Metrics for the evaluation programs: per-class precision, recall and F1
// from a confusion table of (gold, predicted) labels, and plain-text tables.
// Header-only so each tools/eval program includes it without a library.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iomanip>
#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace mslit::eval {

/// True positives, false positives and false negatives of one class (or of a
/// set-valued annotation such as drug names, summed over records).
struct Counts {
  std::size_t tp = 0;
  std::size_t fp = 0;
  std::size_t fn = 0;

  /// 0 when nothing was predicted (no evidence of precision either way).
  double precision() const { return tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 0.0; }
  /// 0 when the class never occurs in the gold.
  double recall() const { return tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 0.0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
  std::size_t gold() const { return tp + fn; }
  std::size_t predicted() const { return tp + fp; }
  Counts& operator+=(const Counts& o) {
    tp += o.tp;
    fp += o.fp;
    fn += o.fn;
    return *this;
  }
};

/// How often each gold label was predicted as each label. A gold label that
/// no classifier can output (e.g. "unspecified") is a negative for every
/// class: predicting any class on it is a false positive of that class.
class Confusion {
 public:
  void add(const std::string& gold, const std::string& predicted) { ++cells_[{gold, predicted}]; }
  std::size_t at(const std::string& gold, const std::string& predicted) const {
    auto it = cells_.find({gold, predicted});
    return it == cells_.end() ? 0 : it->second;
  }
  std::size_t total() const {
    std::size_t n = 0;
    for (auto& [k, v] : cells_) n += v;
    return n;
  }
  /// The counts of one class, one-vs-rest.
  Counts counts(const std::string& label) const {
    Counts c;
    for (auto& [k, v] : cells_) {
      bool gold = k.first == label, predicted = k.second == label;
      if (gold && predicted) c.tp += v;
      else if (predicted) c.fp += v;
      else if (gold) c.fn += v;
    }
    return c;
  }
  /// Every label seen, gold or predicted, in sorted order.
  std::vector<std::string> labels() const {
    std::vector<std::string> out;
    for (auto& [k, v] : cells_) {
      out.push_back(k.first);
      out.push_back(k.second);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

 private:
  std::map<std::pair<std::string, std::string>, std::size_t> cells_;
};

/// One row of a score table.
struct ClassScore {
  std::string label;
  Counts counts;
};

inline std::vector<ClassScore> class_scores(const Confusion& confusion, const std::vector<std::string>& labels) {
  std::vector<ClassScore> out;
  for (auto& l : labels) out.push_back({l, confusion.counts(l)});
  return out;
}

/// "class  gold  pred  tp  fp  fn  precision  recall  f1", one line a class;
/// a class with no gold and no prediction prints dashes for its scores.
inline void print_scores(std::ostream& out, const std::vector<ClassScore>& rows) {
  std::size_t w = 5;
  for (auto& r : rows) w = std::max(w, r.label.size());
  auto flags = out.flags();
  auto precision = out.precision();
  out << std::left << std::setw(static_cast<int>(w)) << "class" << std::right;
  for (auto h : {"gold", "pred", "tp", "fp", "fn"}) out << std::setw(6) << h;
  out << std::setw(11) << "precision" << std::setw(8) << "recall" << std::setw(8) << "f1" << "\n";
  out << std::fixed << std::setprecision(3);
  for (auto& r : rows) {
    auto& c = r.counts;
    out << std::left << std::setw(static_cast<int>(w)) << r.label << std::right << std::setw(6) << c.gold()
        << std::setw(6) << c.predicted() << std::setw(6) << c.tp << std::setw(6) << c.fp << std::setw(6) << c.fn;
    if (c.gold() == 0 && c.predicted() == 0)
      out << std::setw(11) << "-" << std::setw(8) << "-" << std::setw(8) << "-";
    else
      out << std::setw(11) << c.precision() << std::setw(8) << c.recall() << std::setw(8) << c.f1();
    out << "\n";
  }
  out.flags(flags);
  out.precision(precision);
}

/// The confusion table: one row per gold label, one column per predicted
/// label. `short_names` (same order as `columns`) head the columns when
/// given, so a wide label set still fits a terminal; zeros print as ".".
inline void print_confusion(std::ostream& out, const Confusion& confusion, const std::vector<std::string>& rows,
                            const std::vector<std::string>& columns,
                            const std::vector<std::string>& short_names = {}) {
  std::size_t w = 10;  // "gold\\pred "
  for (auto& r : rows) w = std::max(w, r.size() + 1);
  std::vector<std::size_t> cw;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const auto& head = i < short_names.size() ? short_names[i] : columns[i];
    cw.push_back(std::max<std::size_t>(head.size(), 4) + 1);
  }
  auto flags = out.flags();
  out << std::left << std::setw(static_cast<int>(w)) << "gold\\pred" << std::right;
  for (std::size_t i = 0; i < columns.size(); ++i)
    out << std::setw(static_cast<int>(cw[i])) << (i < short_names.size() ? short_names[i] : columns[i]);
  out << std::setw(7) << "total" << "\n";
  for (auto& r : rows) {
    std::size_t sum = 0;
    out << std::left << std::setw(static_cast<int>(w)) << r << std::right;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      auto n = confusion.at(r, columns[i]);
      sum += n;
      if (n) out << std::setw(static_cast<int>(cw[i])) << n;
      else out << std::setw(static_cast<int>(cw[i])) << ".";
    }
    out << std::setw(7) << sum << "\n";
  }
  out.flags(flags);
}

}  // namespace mslit::eval
