# Rebuilds the drug lexicon and fails if it differs from the committed
# corpus/data/drug_lexicon_full.tsv (or if the shared vocabularies are missing).
# Usage: cmake -DBUILDER=exe -DSOURCE_DIR=repo -DSHARED_DIR=shared -DOUTPUT=file -P check_drug_lexicon.cmake
set(vocab "${SHARED_DIR}/data/drug-vocab")
if(NOT EXISTS "${vocab}/drugbank-open-vocabulary.csv" OR NOT EXISTS "${vocab}/drugsatfda-Products.txt")
  message(FATAL_ERROR "no drug vocabularies in ${vocab}: check out mslit beside shared/ or set -DMSLIT_SHARED_DIR")
endif()
execute_process(
  COMMAND "${BUILDER}" --curated "${SOURCE_DIR}/corpus/data/drug_lexicon.tsv"
          --drugbank "${vocab}/drugbank-open-vocabulary.csv" --fda "${vocab}/drugsatfda-Products.txt"
          --exclude "${SOURCE_DIR}/corpus/data/drug_names_excluded.txt" -o "${OUTPUT}"
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "build-drug-lexicon failed (${status})")
endif()
file(READ "${OUTPUT}" rebuilt)
file(READ "${SOURCE_DIR}/corpus/data/drug_lexicon_full.tsv" committed)
if(NOT rebuilt STREQUAL committed)
  message(FATAL_ERROR "corpus/data/drug_lexicon_full.tsv is out of date: rebuild it (see corpus/data/README.md); "
                      "the rebuilt file is ${OUTPUT}")
endif()
