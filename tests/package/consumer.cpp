// Builds an index of one small file and searches it, through the installed
// headers and libraries only. Exits 0 when the search finds the article with
// its facets, and when library errors arrive as mslit::Error.
#include <mslit/error.hpp>
#include <mslit/indexer.hpp>
#include <mslit/searcher.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir / "docs");
  std::ofstream(dir / "docs" / "a.jsonl")
      << R"({"pmid":"1","title":"Natalizumab in relapsing multiple sclerosis","abstract":"A randomized trial.","year":2006,"publication_types":["Randomized Controlled Trial"]})"
      << "\n";
  {
    mslit::Indexer indexer(dir / "index");
    indexer.add(dir / "docs");
    indexer.finish();
  }
  mslit::Searcher searcher(dir / "index");
  mslit::SearchRequest request;
  request.query = "Tysabri relapsing";
  auto result = searcher.search(request);
  std::cout << result.total << " match(es)\n";
  for (auto& hit : result.hits) std::cout << hit.id << "  " << hit.title << "  " << hit.evidence << "\n";
  bool ok = result.total == 1 && result.hits[0].id == "pmid:1" && result.hits[0].evidence == "rct" &&
            !result.facets.drug.empty() && result.facets.drug[0].value == "natalizumab";
  try {
    mslit::Searcher missing(dir / "no-such-index");
    ok = false;
  } catch (const mslit::Error& e) {
    std::cout << "expected error: " << e.what() << "\n";
  }
  return ok ? 0 : 1;
}
