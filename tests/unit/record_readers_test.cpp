// Record readers (issue 4): MEDLINE/PubMed XML, JATS, MEDLINE text (.nbib),
// RIS and JSON Lines; format detection; gzip; bad input; publication types.
// Every fixture here is a small original record written for these tests.
#include <catch2/catch.hpp>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <regex>

#include "mslit/annotators.hpp"
#include "mslit/error.hpp"
#include "mslit/readers.hpp"
#include "test_support.hpp"

using mslit::Evidence;
using mslit::read_text;
using mslit::test::TempDir;
using mslit::test::write_file;
using Strings = std::vector<std::string>;

namespace {

// A PubmedArticle with the parts the reader maps; `extra` goes inside <Article>.
std::string pubmed_article(const std::string& pmid, const std::string& title, const std::string& extra = "") {
  return "<PubmedArticle><MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\"><PMID Version=\"1\">" + pmid +
         "</PMID><Article PubModel=\"Print\"><Journal><JournalIssue><PubDate><Year>2012</Year></PubDate>"
         "</JournalIssue><Title>Journal of invented studies</Title></Journal><ArticleTitle>" +
         title + "</ArticleTitle>" + extra + "</Article></MedlineCitation></PubmedArticle>\n";
}

std::string pubmed_set(const std::string& records) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD PubMedArticle, 1st January 2019//EN\" "
         "\"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_190101.dtd\">\n<PubmedArticleSet>\n" +
         records + "</PubmedArticleSet>\n";
}

// Writes `content` gzip-compressed with zlib.
void write_gzip(const std::filesystem::path& path, const std::string& content) {
  gzFile f = gzopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  REQUIRE(gzwrite(f, content.data(), static_cast<unsigned>(content.size())) == static_cast<int>(content.size()));
  REQUIRE(gzclose(f) == Z_OK);
}

std::vector<std::string> titles(const mslit::ReadResult& r) {
  std::vector<std::string> out;
  for (auto& a : r.articles) out.push_back(a.title);
  return out;
}

bool any_contains(const std::vector<std::string>& lines, const std::string& part) {
  return std::any_of(lines.begin(), lines.end(), [&](auto& l) { return l.find(part) != std::string::npos; });
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (auto& l : lines) s += l + "\n";
  return s;
}

}  // namespace

// ---------------------------------------------------------------------------
// Format detection.

TEST_CASE("record formats are detected from their content whatever the file is called", "[record-readers][detect]") {
  using mslit::detect_format;
  CHECK(detect_format("export.txt", pubmed_set(pubmed_article("1", "T"))) == "pubmed-xml");
  CHECK(detect_format("baseline.dat",
                      "<?xml version=\"1.0\"?>\n<!-- a comment -->\n<MedlineCitationSet>\n<MedlineCitation>") ==
        "pubmed-xml");
  CHECK(detect_format("x.xml", "\xEF\xBB\xBF<PubmedArticleSet><PubmedBookArticle>") == "pubmed-xml");
  CHECK(detect_format("paper.xml",
                      "<?xml version=\"1.0\"?>\n<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS//EN\" \"JATS.dtd\">\n"
                      "<article xmlns:xlink=\"http://www.w3.org/1999/xlink\" article-type=\"research-article\">") ==
        "jats");
  CHECK(detect_format("set.txt", "<pmc-articleset><article>") == "jats");
  CHECK(detect_format("records.txt", "PMID- 1001\nOWN - NLM\nTI  - A title\n") == "medline");
  CHECK(detect_format("records.txt", "\n\nPMID- 1001\nTI  - A title\n") == "medline");  // leading blank lines
  CHECK(detect_format("refs.txt", "TY  - JOUR\nTI  - A title\nER  - \n") == "ris");
  CHECK(detect_format("lines.txt", "{\"_id\": \"7\", \"title\": \"T\", \"text\": \"x\"}\n") == "jsonl");
  CHECK(detect_format("page.html", "<!DOCTYPE html>\n<html><body>Hello there</body></html>") == "text");
}

TEST_CASE("ambiguous content falls back to the extension, also under .gz", "[record-readers][detect]") {
  using mslit::detect_format;
  // A continuation line first: no tag on the first line, so only the name says what it is.
  std::string ambiguous = "      wrapped text first\nAU  - Someone\n";
  CHECK(detect_format("a.nbib", ambiguous) == "medline");
  CHECK(detect_format("a.NBIB", ambiguous) == "medline");
  CHECK(detect_format("a.ris", ambiguous) == "ris");
  CHECK(detect_format("a.jsonl", "   \n[1, 2]\n") == "jsonl");
  CHECK(detect_format("a.ndjson", "   \n[1, 2]\n") == "jsonl");
  CHECK(detect_format("a.ris.gz", ambiguous) == "ris");
  CHECK(detect_format("a.jsonl.gz", "   \n[1, 2]\n") == "jsonl");
  // Without a telling extension the same content is a plain text page.
  CHECK(detect_format("a.txt", ambiguous) == "text");
}

TEST_CASE("XML with a root no reader reads is an input error naming the file and the root", "[record-readers][detect]") {
  std::string xml = "<?xml version=\"1.0\"?>\n<catalog><book id=\"b1\"/></catalog>\n";
  CHECK_THROWS_AS(mslit::detect_format("shelf/odd.xml", xml), mslit::InputError);
  CHECK_THROWS_WITH(mslit::detect_format("shelf/odd.xml", xml),
                    Catch::Contains("shelf/odd.xml") && Catch::Contains("<catalog>"));
  // Through read_file too: nothing is read, the error names the file as the user gave it.
  TempDir dir;
  write_file(dir / "odd.xml", xml);
  CHECK_THROWS_WITH(mslit::read_file(dir / "odd.xml", "given/odd.xml"),
                    Catch::StartsWith("given/odd.xml") && Catch::Contains("<catalog>"));
}

TEST_CASE("read_file reports the format it detected and gives every record that format and source", "[record-readers][detect]") {
  TempDir dir;
  write_file(dir / "two.dat", pubmed_set(pubmed_article("501", "One.") + pubmed_article("502", "Two.")));
  auto r = mslit::read_file(dir / "two.dat", "two.dat");
  CHECK(r.format == "pubmed-xml");
  CHECK(r.error.empty());
  REQUIRE(r.articles.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(r.articles[i].format == "pubmed-xml");
    CHECK(r.articles[i].source == "two.dat");
    CHECK(r.articles[i].record == i + 1);
  }
  CHECK(r.key == mslit::file_key(dir / "two.dat"));
}

// ---------------------------------------------------------------------------
// MEDLINE / PubMed XML.

TEST_CASE("a PubMed XML record's fields: labelled abstract, authors, DOI, MedlineDate, MeSH, types, substances",
          "[record-readers][pubmed-xml]") {
  std::string record =
      "<PubmedArticle>\n"
      "  <MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\">\n"
      "    <PMID Version=\"1\">31337001</PMID>\n"
      "    <Article PubModel=\"Print-Electronic\">\n"
      "      <Journal><JournalIssue CitedMedium=\"Internet\"><Volume>4</Volume>\n"
      "        <PubDate><MedlineDate>1998 Dec-1999 Jan</MedlineDate></PubDate></JournalIssue>\n"
      "        <Title>Journal of imaginary neurology</Title><ISOAbbreviation>J Imag Neurol</ISOAbbreviation></Journal>\n"
      "      <ArticleTitle>Walking speed after a   made-up\n        trial of <i>fictitumab</i>.</ArticleTitle>\n"
      "      <ELocationID EIdType=\"pii\" ValidYN=\"Y\">S0000-0000(98)00001-1</ELocationID>\n"
      "      <ELocationID EIdType=\"doi\" ValidYN=\"Y\">10.9999/JIN.1998.ABC</ELocationID>\n"
      "      <Abstract>\n"
      "        <AbstractText Label=\"BACKGROUND\" NlmCategory=\"BACKGROUND\">Walking gets slower.</AbstractText>\n"
      "        <AbstractText Label=\"METHODS\" NlmCategory=\"METHODS\">We timed   forty\n walks.</AbstractText>\n"
      "      </Abstract>\n"
      "      <AuthorList CompleteYN=\"Y\">\n"
      "        <Author ValidYN=\"Y\"><LastName>Quillfeather</LastName><ForeName>Anna Maria</ForeName>"
      "<Initials>AM</Initials></Author>\n"
      "        <Author ValidYN=\"Y\"><LastName>Bramblewood</LastName><ForeName>Tom</ForeName></Author>\n"
      "        <Author ValidYN=\"Y\"><CollectiveName>Invented Walking Study Group</CollectiveName></Author>\n"
      "      </AuthorList>\n"
      "      <Language>eng</Language>\n"
      "      <PublicationTypeList>\n"
      "        <PublicationType UI=\"D016428\">Journal Article</PublicationType>\n"
      "        <PublicationType UI=\"D016449\">Randomized Controlled Trial</PublicationType>\n"
      "      </PublicationTypeList>\n"
      "    </Article>\n"
      "    <ChemicalList><Chemical><RegistryNumber>0</RegistryNumber>"
      "<NameOfSubstance UI=\"D000001\">Fictitumab</NameOfSubstance></Chemical></ChemicalList>\n"
      "    <MeshHeadingList>\n"
      "      <MeshHeading><DescriptorName UI=\"D1\" MajorTopicYN=\"N\">Humans</DescriptorName></MeshHeading>\n"
      "      <MeshHeading><DescriptorName UI=\"D2\" MajorTopicYN=\"N\">Gait</DescriptorName>"
      "<QualifierName UI=\"Q1\" MajorTopicYN=\"Y\">drug effects</QualifierName>"
      "<QualifierName UI=\"Q2\" MajorTopicYN=\"N\">physiology</QualifierName></MeshHeading>\n"
      "    </MeshHeadingList>\n"
      "    <KeywordList Owner=\"NOTNLM\"><Keyword MajorTopicYN=\"N\">timed walk</Keyword></KeywordList>\n"
      "  </MedlineCitation>\n"
      "</PubmedArticle>\n";
  auto r = read_text(pubmed_set(record), "rec.xml", "k", "pubmed-xml");
  CHECK(r.warnings.empty());
  REQUIRE(r.articles.size() == 1);
  auto& a = r.articles[0];
  CHECK(a.id == "pmid:31337001");
  CHECK(a.pmid == "31337001");
  CHECK(a.title == "Walking speed after a made-up trial of fictitumab.");
  CHECK(a.abstract == "BACKGROUND: Walking gets slower.\n\nMETHODS: We timed forty walks.");
  CHECK(a.authors == Strings{"Quillfeather AM", "Bramblewood T", "Invented Walking Study Group"});
  CHECK(a.doi == "10.9999/jin.1998.abc");  // the doi ELocationID, not the pii, lower case
  CHECK(a.year == 1998);                    // "1998 Dec-1999 Jan": the first year
  CHECK(a.journal == "Journal of imaginary neurology");
  CHECK(a.language == "eng");
  CHECK(a.publication_types == Strings{"Journal Article", "Randomized Controlled Trial"});
  CHECK(a.mesh == Strings{"Humans", "Gait/drug effects/physiology"});
  CHECK(a.chemicals == Strings{"Fictitumab"});
  CHECK(a.keywords == Strings{"timed walk"});
}

TEST_CASE("PubMed XML: DOI from the ArticleIdList, unlabelled abstract, ids without a PMID", "[record-readers][pubmed-xml]") {
  std::string with_id_list =
      "<PubmedArticle><MedlineCitation><PMID>777</PMID><Article><Journal><JournalIssue><PubDate><Year>2003</Year>"
      "</PubDate></JournalIssue></Journal><ArticleTitle>Ids elsewhere.</ArticleTitle><Abstract>"
      "<AbstractText>One plain paragraph.</AbstractText></Abstract></Article></MedlineCitation>"
      "<PubmedData><ArticleIdList><ArticleId IdType=\"pubmed\">777</ArticleId>"
      "<ArticleId IdType=\"doi\">10.5555/Elsewhere.7</ArticleId></ArticleIdList></PubmedData></PubmedArticle>\n";
  std::string no_pmid_doi = pubmed_article("", "Only a DOI.", "<ELocationID EIdType=\"doi\">10.5555/ONLY</ELocationID>");
  std::string no_ids = pubmed_article("", "No ids at all.");
  auto r = read_text(pubmed_set(with_id_list + no_pmid_doi + no_ids), "ids.xml", "abc123", "pubmed-xml");
  REQUIRE(r.articles.size() == 3);
  CHECK(r.articles[0].doi == "10.5555/elsewhere.7");
  CHECK(r.articles[0].abstract == "One plain paragraph.");
  CHECK(r.articles[0].year == 2003);
  CHECK(r.articles[0].id == "pmid:777");
  CHECK(r.articles[1].id == "doi:10.5555/only");
  CHECK(r.articles[2].id == "fabc123:3");  // file key and position
}

TEST_CASE("the old MedlineCitationSet layout and book records are read", "[record-readers][pubmed-xml]") {
  std::string old =
      "<?xml version=\"1.0\"?>\n<MedlineCitationSet>\n"
      "<MedlineCitation Owner=\"NLM\" Status=\"In-Process\"><PMID Version=\"1\">4242</PMID>"
      "<DateCreated><Year>2016</Year><Month>01</Month><Day>02</Day></DateCreated>"
      "<Article><Journal><JournalIssue><PubDate><Year>2015</Year><Month>Dec</Month></PubDate></JournalIssue>"
      "<Title>Old layout journal</Title></Journal><ArticleTitle>Old layout record.</ArticleTitle>"
      "<AuthorList><Author><LastName>Oldham</LastName><Initials>P</Initials></Author></AuthorList></Article>"
      "</MedlineCitation>\n</MedlineCitationSet>\n";
  auto r = read_text(old, "old.xml", "k", "pubmed-xml");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].id == "pmid:4242");
  CHECK(r.articles[0].title == "Old layout record.");
  CHECK(r.articles[0].year == 2015);
  CHECK(r.articles[0].authors == Strings{"Oldham P"});

  std::string book =
      "<PubmedBookArticle><BookDocument><PMID Version=\"1\">5151</PMID><Book><Publisher><PublisherName>Invented Press"
      "</PublisherName></Publisher><BookTitle>A Handbook of Made-up Conditions</BookTitle><PubDate><Year>2010</Year>"
      "</PubDate></Book><ArticleTitle>Chapter on invented gait</ArticleTitle></BookDocument></PubmedBookArticle>\n";
  auto b = read_text(pubmed_set(book), "book.xml", "k", "pubmed-xml");
  REQUIRE(b.articles.size() == 1);
  CHECK(b.articles[0].id == "pmid:5151");
  CHECK(b.articles[0].title == "Chapter on invented gait");
  CHECK(b.articles[0].year == 2010);
}

TEST_CASE("PubMed XML: no year in PubDate falls back to ArticleDate, a title in brackets loses them",
          "[record-readers][pubmed-xml]") {
  std::string rec =
      "<PubmedArticle><MedlineCitation><PMID>8080</PMID><Article><Journal><JournalIssue><PubDate><Season>Spring"
      "</Season></PubDate></JournalIssue></Journal><ArticleTitle>[A title translated into English].</ArticleTitle>"
      "<ArticleDate DateType=\"Electronic\"><Year>2007</Year><Month>03</Month></ArticleDate></Article>"
      "</MedlineCitation></PubmedArticle>\n";
  auto r = read_text(pubmed_set(rec), "t.xml", "k", "pubmed-xml");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].year == 2007);
  CHECK(r.articles[0].title == "A title translated into English.");
}

// ---------------------------------------------------------------------------
// JATS.

TEST_CASE("a JATS article: front matter, abstract sections, body, and its references", "[record-readers][jats]") {
  std::string nxml =
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE article PUBLIC \"-//NLM//DTD Journal Archiving and Interchange DTD v3.0 20080202//EN\" "
      "\"archivearticle3.dtd\">\n"
      "<article xmlns:xlink=\"http://www.w3.org/1999/xlink\" article-type=\"review-article\" xml:lang=\"en\">\n"
      "<front><journal-meta><journal-id journal-id-type=\"nlm-ta\">Imag Rev</journal-id>"
      "<journal-title-group><journal-title>Imaginary Reviews</journal-title></journal-title-group></journal-meta>\n"
      "<article-meta><article-id pub-id-type=\"pmid\">99000111</article-id>"
      "<article-id pub-id-type=\"doi\">10.7777/IR.2020.5</article-id>\n"
      "<title-group><article-title>Pretend therapies for gait: a narrative review</article-title></title-group>\n"
      "<contrib-group><contrib contrib-type=\"author\"><name><surname>Featherstone</surname>"
      "<given-names>Lea M</given-names></name></contrib>"
      "<contrib contrib-type=\"author\"><name><surname>Ng</surname><given-names>Bo</given-names></name></contrib>"
      "<contrib contrib-type=\"editor\"><name><surname>Editorson</surname><given-names>E</given-names></name>"
      "</contrib></contrib-group>\n"
      "<pub-date pub-type=\"ppub\"><year>2021</year></pub-date>"
      "<pub-date pub-type=\"epub\"><day>3</day><month>11</month><year>2020</year></pub-date>\n"
      "<abstract><sec><title>Aim</title><p>To pretend.</p></sec><sec><title>Findings</title>"
      "<p>Nothing <italic>real</italic>.</p></sec></abstract>\n"
      "<kwd-group><kwd>gait</kwd></kwd-group></article-meta></front>\n"
      "<body><sec><title>Introduction</title><p>Gait matters "
      "<xref ref-type=\"bibr\" rid=\"R1\">1</xref>.</p><p>Second paragraph.</p></sec></body>\n"
      "<back><ref-list><title>References</title>\n"
      "<ref id=\"R1\"><element-citation publication-type=\"journal\"><person-group person-group-type=\"author\">"
      "<name><surname>Stride</surname><given-names>AB</given-names></name><name><surname>Pace</surname>"
      "<given-names>C</given-names></name></person-group><article-title>Walking, measured twice</article-title>"
      "<source>J Pretend Gait</source><year>2011</year><volume>12</volume><fpage>100</fpage><lpage>109</lpage>"
      "<pub-id pub-id-type=\"pmid\">11111111</pub-id><pub-id pub-id-type=\"doi\">10.1111/JPG.12</pub-id>"
      "</element-citation></ref>\n"
      "<ref id=\"R2\"><mixed-citation publication-type=\"journal\"><string-name><surname>Amble</surname> "
      "<given-names>D</given-names></string-name>. <article-title>Slow walks</article-title>. "
      "<source>Gait Fict</source> <year>1999</year>;<volume>3</volume>:<fpage>7</fpage>.</mixed-citation></ref>\n"
      "<ref id=\"R3\"><citation citation-type=\"book\"><person-group person-group-type=\"editor\"><name>"
      "<surname>Booker</surname><given-names>E</given-names></name></person-group><source>The Book of Gaits</source>"
      "<publisher-name>Invented Press</publisher-name><year>2005</year></citation></ref>\n"
      "</ref-list></back>\n</article>\n";
  auto r = read_text(nxml, "paper.nxml", "k", "jats");
  CHECK(r.warnings.empty());
  REQUIRE(r.articles.size() == 1);
  auto& a = r.articles[0];
  CHECK(a.id == "pmid:99000111");
  CHECK(a.doi == "10.7777/ir.2020.5");
  CHECK(a.title == "Pretend therapies for gait: a narrative review");
  CHECK(a.journal == "Imaginary Reviews");
  CHECK(a.authors == Strings{"Featherstone LM", "Ng B"});  // the editor is not an author
  CHECK(a.year == 2020);                                   // the electronic date
  CHECK(a.abstract == "Aim: To pretend.\n\nFindings: Nothing real.");
  CHECK(a.publication_types == Strings{"review-article"});
  CHECK(std::find(a.keywords.begin(), a.keywords.end(), "gait") != a.keywords.end());
  CHECK(a.body.find("Gait matters") != std::string::npos);
  CHECK(a.body.find("Second paragraph.") != std::string::npos);
  CHECK(a.body.find("Walking, measured twice") == std::string::npos);  // the ref-list is not body text
  REQUIRE(a.references.size() == 3);
  auto& r1 = a.references[0];
  CHECK(r1.ordinal == 1);
  CHECK(r1.authors == Strings{"Stride AB", "Pace C"});
  CHECK(r1.title == "Walking, measured twice");
  CHECK(r1.journal == "J Pretend Gait");
  CHECK(r1.year == 2011);
  CHECK(r1.volume == "12");
  CHECK(r1.pages == "100-109");
  CHECK(r1.pmid == "11111111");
  CHECK(r1.doi == "10.1111/jpg.12");
  auto& r2 = a.references[1];
  CHECK(r2.authors == Strings{"Amble D"});
  CHECK(r2.title == "Slow walks");
  CHECK(r2.year == 1999);
  CHECK(r2.raw.find("Slow walks") != std::string::npos);
  auto& r3 = a.references[2];
  CHECK(r3.title == "The Book of Gaits");  // a book: its source is its title
  CHECK(r3.year == 2005);
  CHECK(r3.authors.empty());  // editors only
}

// ---------------------------------------------------------------------------
// MEDLINE text (.nbib).

TEST_CASE("MEDLINE text: continuation lines, asterisks, substances, DOI, two records", "[record-readers][medline]") {
  std::string nbib =
      "PMID- 20202020\n"
      "OWN - NLM\n"
      "DP  - 2004 Mar 15\n"
      "TI  - An invented study of slow walking in a made-up cohort of\n"
      "      forty patients.\n"
      "LID - 10.4444/IMAG.2004.15 [doi]\n"
      "AB  - First line of the abstract\n"
      "      continues here\n"
      "      and ends here.\n"
      "FAU - Winterbourne, Clara Jane\n"
      "AU  - Winterbourne CJ\n"
      "FAU - Oak, Li\n"
      "AU  - Oak L\n"
      "LA  - eng\n"
      "PT  - Journal Article\n"
      "PT  - Review\n"
      "TA  - Imag Gait\n"
      "JT  - Imaginary gait journal\n"
      "RN  - 0 (Fictitumab)\n"
      "RN  - EC 1.2.3.4 (Pretendase)\n"
      "NM  - pretendin\n"
      "MH  - Humans\n"
      "MH  - *Gait/drug effects\n"
      "OT  - slow walking\n"
      "\n"
      "PMID- 20202021\n"
      "DP  - 1999\n"
      "TI  - Second record.\n"
      "FAU - Larkspur, Eve\n"
      "AID - 10.4444/second [doi]\n"
      "AB  - Short.\n";
  auto r = read_text(nbib, "rec.nbib", "k", "medline");
  CHECK(r.warnings.empty());
  REQUIRE(r.articles.size() == 2);
  auto& a = r.articles[0];
  CHECK(a.id == "pmid:20202020");
  CHECK(a.title == "An invented study of slow walking in a made-up cohort of forty patients.");
  CHECK(a.abstract == "First line of the abstract continues here and ends here.");
  CHECK(a.authors == Strings{"Winterbourne CJ", "Oak L"});
  CHECK(a.year == 2004);
  CHECK(a.doi == "10.4444/imag.2004.15");
  CHECK(a.journal == "Imaginary gait journal");
  CHECK(a.publication_types == Strings{"Journal Article", "Review"});
  CHECK(a.mesh == Strings{"Humans", "Gait/drug effects"});
  CHECK(a.chemicals == Strings{"Fictitumab", "Pretendase", "pretendin"});
  CHECK(a.keywords == Strings{"slow walking"});
  CHECK(a.language == "eng");
  auto& b = r.articles[1];
  CHECK(b.id == "pmid:20202021");
  CHECK(b.year == 1999);
  CHECK(b.authors == Strings{"Larkspur E"});  // from FAU when there is no AU
  CHECK(b.doi == "10.4444/second");
}

// ---------------------------------------------------------------------------
// RIS.

TEST_CASE("RIS: fields, wrapped lines, authors, DOI from a doi.org link, types", "[record-readers][ris]") {
  std::string ris =
      "TY  - JOUR\n"
      "AU  - Hollowell, Mara J.\n"
      "AU  - de la Pena, Ruy\n"
      "AU  - Invented Consortium\n"
      "TI  - A title that an exporter\n"
      "wrapped onto a second line\n"
      "JO  - Journal of Pretend Results\n"
      "PY  - 2017/05/02/\n"
      "AB  - An abstract.\n"
      "KW  - walking\n"
      "KW  - pretend\n"
      "M3  - Randomized Controlled Trial\n"
      "UR  - https://doi.org/10.3333/JPR.17\n"
      "ER  - \n"
      "\n"
      "TY  - BOOK\n"
      "T1  - A second item\n"
      "Y1  - 1988\n"
      "DO  - 10.3333/Book.88\n"
      "ER  - \n";
  auto r = read_text(ris, "refs.ris", "k", "ris");
  CHECK(r.warnings.empty());
  REQUIRE(r.articles.size() == 2);
  auto& a = r.articles[0];
  CHECK(a.title == "A title that an exporter wrapped onto a second line");
  CHECK(a.authors == Strings{"Hollowell MJ", "de la Pena R", "Invented Consortium"});
  CHECK(a.journal == "Journal of Pretend Results");
  CHECK(a.year == 2017);
  CHECK(a.abstract == "An abstract.");
  CHECK(a.keywords == Strings{"walking", "pretend"});
  CHECK(a.publication_types == Strings{"JOUR", "Randomized Controlled Trial"});
  CHECK(a.doi == "10.3333/jpr.17");
  CHECK(a.id == "doi:10.3333/jpr.17");
  auto& b = r.articles[1];
  CHECK(b.title == "A second item");
  CHECK(b.year == 1988);
  CHECK(b.doi == "10.3333/book.88");
  CHECK(b.publication_types == Strings{"BOOK"});
}

TEST_CASE("RIS: a malformed tag line is warned with file and line, the record is kept", "[record-readers][ris]") {
  TempDir dir;
  write_file(dir / "broken.ris",
             "TY  - JOUR\n"
             "TI  - Kept despite a bad line\n"
             "T1 -Broken\n"
             "PY  - 2020\n"
             "ER  - \n"
             "TY  - JOUR\n"
             "TI  - The next record\n"
             "ER  - \n");
  auto r = mslit::read_file(dir / "broken.ris", "broken.ris");
  CHECK(r.format == "ris");
  CHECK(titles(r) == Strings{"Kept despite a bad line", "The next record"});
  CHECK(r.articles.at(0).year == 2020);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].rfind("broken.ris:3: warning: malformed field tag", 0) == 0);
  CHECK(r.warnings[0].find("T1 -Broken") != std::string::npos);
}

// ---------------------------------------------------------------------------
// JSON Lines.

TEST_CASE("JSON Lines, general layout: every field, references as strings and objects", "[record-readers][jsonl]") {
  std::string line =
      R"({"id": "rec-9", "pmid": 12345678, "doi": "https://doi.org/10.2222/ABC", "title": "A JSON record",)"
      R"( "abstract": "Its abstract.", "text": "Its full text.", "authors": ["Rowan K", {"name": "Group X"}],)"
      R"( "journal": "J JSON", "year": "2019-04-01", "publication_types": ["Journal Article", "Review"],)"
      R"( "mesh": ["Gait/physiology"], "keywords": ["k1"], "chemicals": ["Fictitumab"], "language": "eng",)"
      R"( "references": ["Doe J. A string citation. J Str 2001;1:2.",)"
      R"( {"title": "An object citation", "authors": ["Roe R", "Poe P"], "journal": "J Obj", "year": 2002,)"
      R"( "volume": "5", "pages": "10-12", "pmid": "222", "doi": "10.2222/REF"}]})";
  auto r = read_text(line + "\n", "r.jsonl", "k", "jsonl");
  CHECK(r.warnings.empty());
  REQUIRE(r.articles.size() == 1);
  auto& a = r.articles[0];
  CHECK(a.id == "pmid:12345678");
  CHECK(a.record_id == "rec-9");
  CHECK(a.doi == "10.2222/abc");
  CHECK(a.title == "A JSON record");
  CHECK(a.abstract == "Its abstract.");
  CHECK(a.body == "Its full text.");
  CHECK(a.authors == Strings{"Rowan K", "Group X"});
  CHECK(a.journal == "J JSON");
  CHECK(a.year == 2019);
  CHECK(a.publication_types == Strings{"Journal Article", "Review"});
  CHECK(a.mesh == Strings{"Gait/physiology"});
  CHECK(a.keywords == Strings{"k1"});
  CHECK(a.chemicals == Strings{"Fictitumab"});
  CHECK(a.language == "eng");
  REQUIRE(a.references.size() == 2);
  CHECK(a.references[0].ordinal == 1);
  CHECK(a.references[0].raw == "Doe J. A string citation. J Str 2001;1:2.");
  auto& o = a.references[1];
  CHECK(o.ordinal == 2);
  CHECK(o.title == "An object citation");
  CHECK(o.authors == Strings{"Roe R", "Poe P"});
  CHECK(o.journal == "J Obj");
  CHECK(o.year == 2002);
  CHECK(o.volume == "5");
  CHECK(o.pages == "10-12");
  CHECK(o.pmid == "222");
  CHECK(o.doi == "10.2222/ref");
  CHECK(o.raw.find("An object citation") != std::string::npos);  // built from the parts
}

TEST_CASE("JSON Lines, BEIR layout: _id, title, text as the abstract, bad lines skipped with file and line",
          "[record-readers][jsonl]") {
  std::string lines =
      R"({"_id": "4983", "title": "Beir one", "text": "Text of one.", "metadata": {}})" "\n"
      "\n"
      R"({"_id": "4984", "title": "Beir two", "text": )" "\n"
      R"(["not", "an", "object"])" "\n"
      R"({"_id": "4985", "title": "Beir three", "text": "Text of three.", "metadata": {"doi": "10.1/B3"}})" "\n";
  TempDir dir;
  write_file(dir / "corpus.jsonl", lines);
  auto r = mslit::read_file(dir / "corpus.jsonl", "corpus.jsonl");
  CHECK(r.format == "jsonl");
  CHECK(titles(r) == Strings{"Beir one", "Beir three"});
  CHECK(r.articles.at(0).abstract == "Text of one.");
  CHECK(r.articles.at(0).body.empty());
  CHECK(r.articles.at(0).record_id == "4983");
  CHECK(r.articles.at(0).id == "f" + r.key + ":4983");
  CHECK(r.articles.at(1).id == "doi:10.1/b3");
  REQUIRE(r.warnings.size() == 2);
  CHECK(r.warnings[0].rfind("corpus.jsonl:3: error: record 2: invalid JSON (", 0) == 0);
  CHECK(r.warnings[0].find("; skipped") != std::string::npos);
  CHECK(r.warnings[1] == "corpus.jsonl:4: error: record 3: a JSON record must be an object; skipped");
}

TEST_CASE("JSON Lines: a field of the wrong type skips that record only, with the reason", "[record-readers][jsonl]") {
  std::string lines = R"({"id": "a", "title": "Fine"})" "\n"
                      R"({"id": "b", "title": "Bad authors", "authors": 42})" "\n"
                      R"({"id": "c", "title": "Also fine"})" "\n";
  auto r = read_text(lines, "x.jsonl", "k", "jsonl");
  CHECK(titles(r) == Strings{"Fine", "Also fine"});
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].find("x.jsonl:2: error: record 2:") == 0);
  CHECK(r.warnings[0].find("authors") != std::string::npos);
}

// ---------------------------------------------------------------------------
// gzip.

TEST_CASE("gzip-compressed files read exactly like the uncompressed ones", "[record-readers][gzip]") {
  TempDir dir;
  std::string xml = pubmed_set(pubmed_article("601", "Packed one.") + pubmed_article("602", "Packed two."));
  write_file(dir / "plain.xml", xml);
  write_gzip(dir / "packed.xml.gz", xml);
  auto plain = mslit::read_file(dir / "plain.xml", "plain.xml");
  auto packed = mslit::read_file(dir / "packed.xml.gz", "packed.xml.gz");
  CHECK(packed.format == "pubmed-xml");
  CHECK(titles(packed) == titles(plain));
  CHECK(titles(packed) == Strings{"Packed one.", "Packed two."});
  CHECK(packed.warnings.empty());
  CHECK(packed.error.empty());

  // Detection looks at the decompressed content: a .gz with no telling name.
  write_gzip(dir / "blob.gz", "PMID- 1\nTI  - Compressed nbib\n");
  auto nbib = mslit::read_file(dir / "blob.gz", "blob.gz");
  CHECK(nbib.format == "medline");
  CHECK(titles(nbib) == Strings{"Compressed nbib"});

  // The streaming form says it was compressed.
  std::size_t n = 0;
  auto report = mslit::read_file(dir / "packed.xml.gz", "packed.xml.gz", "", [&](mslit::Article&&) { ++n; });
  CHECK(report.compressed);
  CHECK(report.articles == 2);
  CHECK(n == 2);
  CHECK_FALSE(mslit::read_file(dir / "plain.xml", "plain.xml", "", [](mslit::Article&&) {}).compressed);
}

TEST_CASE("a gzip file cut short keeps the records before the damage and says so", "[record-readers][gzip]") {
  TempDir dir;
  // Enough incompressible-ish records that the cut falls well after the first ones.
  std::string records;
  for (int i = 1; i <= 400; ++i) {
    std::string filler;
    for (int j = 0; j < 40; ++j) filler += std::to_string(i * 7919 + j * 104729) + " ";
    records += pubmed_article(std::to_string(700000 + i), "Record " + std::to_string(i) + ".",
                              "<Abstract><AbstractText>" + filler + "</AbstractText></Abstract>");
  }
  write_gzip(dir / "whole.xml.gz", pubmed_set(records));
  auto bytes = mslit::test::read_file(dir / "whole.xml.gz");
  REQUIRE(bytes.size() > 20'000);
  write_file(dir / "cut.xml.gz", bytes.substr(0, bytes.size() / 2));
  auto r = mslit::read_file(dir / "cut.xml.gz", "cut.xml.gz");
  CHECK(r.format == "pubmed-xml");
  CHECK(r.articles.size() > 10);
  CHECK(r.articles.size() < 400);
  for (std::size_t i = 0; i < r.articles.size(); ++i) CHECK(r.articles[i].title == "Record " + std::to_string(i + 1) + ".");
  CHECK(r.error.find("compressed data is damaged or cut short") != std::string::npos);
  CHECK(any_contains(r.warnings, "cut.xml.gz"));
  CHECK(any_contains(r.warnings, "compressed data is damaged or cut short"));
}

TEST_CASE("a small gzip file cut short (less than the 64 KiB head) also keeps its first records",
          "[record-readers][gzip]") {
  TempDir dir;
  std::string records;
  for (int i = 1; i <= 60; ++i) {
    std::string filler;
    for (int j = 0; j < 20; ++j) filler += std::to_string(i * 7919 + j * 104729) + " ";
    records += pubmed_article(std::to_string(710000 + i), "Small " + std::to_string(i) + ".",
                              "<Abstract><AbstractText>" + filler + "</AbstractText></Abstract>");
  }
  auto xml = pubmed_set(records);
  REQUIRE(xml.size() < 64 * 1024);
  write_gzip(dir / "whole.xml.gz", xml);
  auto bytes = mslit::test::read_file(dir / "whole.xml.gz");
  write_file(dir / "cut.xml.gz", bytes.substr(0, bytes.size() * 3 / 4));
  mslit::ReadResult r;
  REQUIRE_NOTHROW(r = mslit::read_file(dir / "cut.xml.gz", "cut.xml.gz"));
  CHECK(r.articles.size() > 5);
  CHECK(r.articles.size() < 60);
  CHECK(r.error.find("compressed data is damaged or cut short") != std::string::npos);
}

// ---------------------------------------------------------------------------
// Bad input.

TEST_CASE("empty and binary record files are input errors naming the file", "[record-readers][bad-input]") {
  TempDir dir;
  write_file(dir / "empty.xml", "");
  write_file(dir / "empty.jsonl", "\n\n");
  write_file(dir / "image.ris", std::string("TY  - \x89PNG\0\0\x01", 12));
  write_gzip(dir / "nothing.xml.gz", "");
  CHECK_THROWS_WITH(mslit::read_file(dir / "empty.xml", "empty.xml"), "empty.xml: empty file");
  CHECK_THROWS_WITH(mslit::read_file(dir / "empty.jsonl", "empty.jsonl"), Catch::StartsWith("empty.jsonl: empty file"));
  CHECK_THROWS_WITH(mslit::read_file(dir / "image.ris", "image.ris"), Catch::StartsWith("image.ris: binary file"));
  CHECK_THROWS_WITH(mslit::read_file(dir / "nothing.xml.gz", "nothing.xml.gz"),
                    Catch::StartsWith("nothing.xml.gz: empty file"));
}

TEST_CASE("invalid UTF-8 inside an XML record: a warning with line and byte, the record is kept", "[record-readers][bad-input]") {
  TempDir dir;
  std::string head = pubmed_set("");  // prolog + DOCTYPE + <PubmedArticleSet>
  head = head.substr(0, head.find("</PubmedArticleSet>"));
  std::string bad = pubmed_article("9001", "Caf\xE9 au lait spots.");  // Latin-1 e-acute
  std::string xml = head + pubmed_article("9000", "Before.") + bad + pubmed_article("9002", "After.") +
                    "</PubmedArticleSet>\n";
  write_file(dir / "latin1.xml", xml);
  auto r = mslit::read_file(dir / "latin1.xml", "latin1.xml");
  REQUIRE(r.articles.size() == 3);
  CHECK(r.articles[1].title == "Caf\xEF\xBF\xBD au lait spots.");  // U+FFFD
  CHECK(r.articles[2].title == "After.");
  auto offset = xml.find('\xE9');
  auto line = 1 + std::count(xml.begin(), xml.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "latin1.xml:" + std::to_string(line) + ": warning: invalid UTF-8 at byte " +
                             std::to_string(offset) + ", replaced with U+FFFD");
}

TEST_CASE("truncated XML: the records before are kept, the message names the cut record and its line",
          "[record-readers][bad-input]") {
  TempDir dir;
  std::string xml = pubmed_set(pubmed_article("1", "One.") + pubmed_article("2", "Two.") + pubmed_article("3", "Three."));
  auto cut = xml.find("Three.");
  write_file(dir / "cut.xml", xml.substr(0, cut));
  auto r = mslit::read_file(dir / "cut.xml", "cut.xml");
  CHECK(titles(r) == Strings{"One.", "Two."});
  auto start = xml.find("<PubmedArticle>", xml.find("Two."));
  auto line = 1 + std::count(xml.begin(), xml.begin() + static_cast<std::ptrdiff_t>(start), '\n');
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "cut.xml:" + std::to_string(line) +
                             ": error: record 3: the file ends inside this record (truncated?); skipped");
}

TEST_CASE("a malformed record in the middle costs only itself: its neighbours are read", "[record-readers][bad-input]") {
  TempDir dir;
  // Record 2 has a mismatched end tag and an undefined entity; it is read in recovery mode.
  std::string broken =
      "<PubmedArticle><MedlineCitation><PMID>8002</PMID><Article><ArticleTitle>Broken&nbsp;record."
      "</ArticleTitel></Article>\n</MedlineCitation></PubmedArticle>\n";
  std::string xml = pubmed_set(pubmed_article("8001", "Good before.") + broken + pubmed_article("8003", "Good after."));
  write_file(dir / "mid.xml", xml);
  auto r = mslit::read_file(dir / "mid.xml", "mid.xml");
  REQUIRE(r.articles.size() >= 2);
  CHECK(r.articles.front().title == "Good before.");
  CHECK(r.articles.back().title == "Good after.");
  CHECK(r.articles.back().id == "pmid:8003");
  CHECK(r.error.empty());
  // One message, naming the file, the line the broken record is on, and the record.
  auto line = 1 + std::count(xml.begin(), xml.begin() + static_cast<std::ptrdiff_t>(xml.find("8002")), '\n');
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].rfind("mid.xml:" + std::to_string(line) + ": ", 0) == 0);
  CHECK(r.warnings[0].find("record 2") != std::string::npos);
}

TEST_CASE("a 100 MB JSON line is skipped with a message, the records around it are read", "[record-readers][bad-input]") {
  TempDir dir;
  auto path = dir / "huge.jsonl";
  {
    std::ofstream out(path, std::ios::binary);
    out << R"({"id": "before", "title": "Before the giant"})" << "\n";
    out << R"({"id": "giant", "title": "Giant", "text": ")";
    std::string block(1 << 20, 'g');
    for (int i = 0; i < 100; ++i) out << block;
    out << "\"}\n";
    out << R"({"id": "after", "title": "After the giant"})" << "\n";
  }
  REQUIRE(std::filesystem::file_size(path) > 100'000'000);
  auto t0 = std::chrono::steady_clock::now();
  auto r = mslit::read_file(path, "huge.jsonl");
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(titles(r) == Strings{"Before the giant", "After the giant"});
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].rfind("huge.jsonl:2: error: record 2: ", 0) == 0);
  CHECK(r.warnings[0].find("skipped") != std::string::npos);
  CHECK(seconds < 20);
}

TEST_CASE("a record with text but no title is kept with one warning, one with neither is skipped",
          "[record-readers][bad-input]") {
  std::string records = pubmed_article("3001", "Titled.") +
                        "<PubmedArticle><MedlineCitation><PMID>3002</PMID><Article><ArticleTitle></ArticleTitle>"
                        "<Abstract><AbstractText>Only an abstract here.</AbstractText></Abstract></Article>"
                        "</MedlineCitation></PubmedArticle>\n" +
                        "<PubmedArticle><MedlineCitation><PMID>3003</PMID><Article><ArticleTitle> </ArticleTitle>"
                        "</Article></MedlineCitation></PubmedArticle>\n";
  auto r = read_text(pubmed_set(records), "nt.xml", "k", "pubmed-xml");
  REQUIRE(r.articles.size() == 2);
  CHECK(r.articles[1].id == "pmid:3002");
  CHECK(r.articles[1].title.empty());
  CHECK(r.articles[1].abstract == "Only an abstract here.");
  REQUIRE(r.warnings.size() == 2);
  CHECK(any_contains(r.warnings, "record 3 (PMID 3003): no title and no text; skipped"));
  CHECK(any_contains(r.warnings, "record 2 (PMID 3002)"));
  CHECK(any_contains(r.warnings, "has no title; indexed by its text"));

  // The same in JSON Lines, where BEIR queries look like this.
  std::string lines = R"({"_id": "q1", "text": "a claim with no title"})" "\n"
                      R"({"_id": "q2", "title": "", "text": ""})" "\n";
  auto j = read_text(lines, "q.jsonl", "k", "jsonl");
  REQUIRE(j.articles.size() == 1);
  CHECK(j.articles[0].record_id == "q1");
  INFO(joined(j.warnings));
  REQUIRE(j.warnings.size() == 2);
  CHECK(any_contains(j.warnings, "record 2 (id q2): no title and no text; skipped"));
  CHECK(any_contains(j.warnings, "record 1 (id q1)"));
}

// ---------------------------------------------------------------------------
// Publication types decide the evidence type.

TEST_CASE("publication types map to evidence types, the strongest design winning", "[record-readers][publication-types]") {
  using mslit::evidence_from_publication_types;
  struct Row {
    Strings types;
    Evidence evidence;
    std::string cue;
  };
  for (auto& row : std::vector<Row>{
           {{"Randomized Controlled Trial"}, Evidence::rct, "publication type: Randomized Controlled Trial"},
           {{"Journal Article", "Randomized Controlled Trial"}, Evidence::rct, "publication type: Randomized Controlled Trial"},
           {{"Case Reports"}, Evidence::case_report, "publication type: Case Reports"},
           {{"Review"}, Evidence::review, "publication type: Review"},
           {{"Review", "Case Reports"}, Evidence::case_report, "publication type: Case Reports"},
           {{"Comparative Study", "Review"}, Evidence::review, "publication type: Review"},
           {{"Comparative Study"}, Evidence::observational, "publication type: Comparative Study"},
           {{"Observational Study"}, Evidence::observational, "publication type: Observational Study"},
           {{"Systematic Review"}, Evidence::systematic_review, "publication type: Systematic Review"},
           {{"Review", "Meta-Analysis"}, Evidence::systematic_review, "publication type: Meta-Analysis"},
           {{"Practice Guideline", "Review"}, Evidence::guideline, "publication type: Practice Guideline"},
           {{"Clinical Trial, Phase III", "Randomized Controlled Trial"}, Evidence::rct,
            "publication type: Randomized Controlled Trial"},
           {{"Clinical Trial, Phase II"}, Evidence::clinical_trial, "publication type: Clinical Trial, Phase II"},
           {{"Editorial"}, Evidence::other, "publication type: Editorial"},
           {{"Letter", "Case Reports"}, Evidence::case_report, "publication type: Case Reports"},
           {{"JOURNAL ARTICLE", "REVIEW"}, Evidence::review, "publication type: REVIEW"},  // upper case (2012 DTD)
           {{" Case Reports "}, Evidence::case_report, "publication type: Case Reports"},
           {{"review-article"}, Evidence::review, "publication type: review-article"},  // JATS article-type
       }) {
    std::string shown;
    for (auto& t : row.types) shown += "[" + t + "]";
    INFO(shown);
    auto d = evidence_from_publication_types(row.types);
    REQUIRE(d.has_value());
    CHECK(d->type == row.evidence);
    CHECK(d->cue == row.cue);
  }
  CHECK_FALSE(evidence_from_publication_types({"Journal Article"}).has_value());
  CHECK_FALSE(evidence_from_publication_types({}).has_value());
  CHECK_FALSE(evidence_from_publication_types({"Journal Article", "Research Support, Non-U.S. Gov't"}).has_value());
  CHECK_FALSE(evidence_from_publication_types({"research-article"}).has_value());
  CHECK_FALSE(evidence_from_publication_types({"Reviewed"}).has_value());  // whole types only
}

TEST_CASE("annotate: a specific publication type beats the text, 'Journal Article' leaves it to the text",
          "[record-readers][publication-types]") {
  mslit::Analyzer analyzer;
  mslit::Article rct;
  rct.format = "pubmed-xml";
  rct.title = "A case report of a walking problem";
  rct.publication_types = {"Journal Article", "Randomized Controlled Trial"};
  mslit::annotate(rct, analyzer);
  CHECK(rct.annotations.evidence == Evidence::rct);
  CHECK(rct.annotations.evidence_cue == "publication type: Randomized Controlled Trial");

  mslit::Article plain = rct;
  plain.publication_types = {"Journal Article"};
  plain.annotations = {};
  mslit::annotate(plain, analyzer);
  CHECK(plain.annotations.evidence_cue.find("publication type") == std::string::npos);
}
