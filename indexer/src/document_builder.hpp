// The one place that turns the model into Xapian documents.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_map>

#include "mslit/analysis.hpp"
#include "mslit/model.hpp"

namespace mslit {

class DocumentBuilder {
 public:
  explicit DocumentBuilder(const Analyzer& analyzer) : analyzer_(analyzer), stemmer_("english") {}

  Xapian::Document article(const Article& article, const std::string& file_key) const;
  Xapian::Document reference(const Article& parent, const Reference& ref, const std::string& file_key) const;

 private:
  /// Indexes text under a prefix, as Xapian's TermGenerator would: each word
  /// at its position, plus its "Z"-prefixed stem. Returns the next position.
  Xapian::termpos index_text(Xapian::Document& doc, std::string_view text, std::string_view prefix,
                             Xapian::termpos start, Xapian::termcount wdf = 1) const;
  /// The Snowball stem of a word, cached: vocabulary repeats across
  /// documents and stemming is a large share of indexing time.
  const std::string& stem(const std::string& word) const;
  void add_facets(Xapian::Document& doc, const Annotations& a, const std::optional<int>& year, Kind kind) const;

  const Analyzer& analyzer_;
  Xapian::Stem stemmer_;
  mutable std::unordered_map<std::string, std::string> stems_;
};

}  // namespace mslit
