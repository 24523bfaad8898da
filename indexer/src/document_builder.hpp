// The one place that turns the model into Xapian documents.
#pragma once

#include <xapian.h>

#include <initializer_list>
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
  /// How a piece of text is indexed under one prefix ("" is free text).
  struct Field {
    std::string_view prefix;
    Xapian::termcount wdf = 1;
  };
  /// Indexes text under each of the prefixes (analysed once), as Xapian's
  /// TermGenerator would: each word at its position, plus its "Z"-prefixed
  /// stem. Returns the next position.
  Xapian::termpos index_text(Xapian::Document& doc, std::string_view text, std::initializer_list<Field> fields,
                             Xapian::termpos start) const;
  Xapian::termpos index_text(Xapian::Document& doc, std::string_view text, std::string_view prefix,
                             Xapian::termpos start) const {
    return index_text(doc, text, {Field{prefix}}, start);
  }
  void add_identifiers(Xapian::Document& doc, const std::string& pmid, const std::string& doi) const;
  /// The Snowball stem of a word, cached: vocabulary repeats across
  /// documents and stemming is a large share of indexing time.
  const std::string& stem(const std::string& word) const;
  void add_facets(Xapian::Document& doc, const Annotations& a, const std::optional<int>& year, Kind kind) const;

  const Analyzer& analyzer_;
  Xapian::Stem stemmer_;
  mutable std::unordered_map<std::string, std::string> stems_;
};

}  // namespace mslit
