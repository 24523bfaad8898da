#include <catch2/catch.hpp>

#include "mslit/text.hpp"

TEST_CASE("invalid UTF-8 is replaced and its offsets reported", "[text]") {
  auto r = mslit::repair_utf8("ok \xFF bad \xC3 end \xE2\x82");
  CHECK(r.text == "ok \xEF\xBF\xBD bad \xEF\xBF\xBD end \xEF\xBF\xBD");
  CHECK(r.bad_offsets == std::vector<std::size_t>{3, 9, 15});
  auto good = mslit::repair_utf8("S\xC3\xB8rensen \xE2\x80\x94 \xF0\x9F\x98\x80");
  CHECK(good.bad_offsets.empty());
  CHECK(good.text == "S\xC3\xB8rensen \xE2\x80\x94 \xF0\x9F\x98\x80");
}

TEST_CASE("overlong encodings and surrogates are invalid", "[text]") {
  CHECK(mslit::repair_utf8("\xC0\xAF").bad_offsets.size() == 1);  // overlong "/": one broken sequence
  CHECK(mslit::repair_utf8("\xED\xA0\x80").bad_offsets.size() == 1);    // surrogate U+D800
  CHECK(mslit::repair_utf8("\xF4\x90\x80\x80").bad_offsets.size() == 1);  // past U+10FFFF
}

TEST_CASE("years are four digits in range, bounded by non-digits", "[text]") {
  int y = 0;
  CHECK(mslit::year_at("Lancet 1991; 338", 7, &y));
  CHECK(y == 1991);
  CHECK_FALSE(mslit::year_at("12345", 0, &y));
  CHECK_FALSE(mslit::year_at("x 1234 y", 2, &y));
}
