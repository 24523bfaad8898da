# Installs this build into a fresh prefix, builds tests/package against it
# with find_package(mslit), and runs the program. Any failing step fails.
file(REMOVE_RECURSE ${WORK})
foreach(step
    "${CMAKE_COMMAND};--install;${BUILD_DIR};--prefix;${WORK}/prefix"
    "${CMAKE_COMMAND};-S;${SOURCE_DIR};-B;${WORK}/build;-DCMAKE_PREFIX_PATH=${WORK}/prefix;-DCMAKE_BUILD_TYPE=Release"
    "${CMAKE_COMMAND};--build;${WORK}/build"
    "${WORK}/build/consumer;${WORK}/run")
  execute_process(COMMAND ${step} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("${out}")
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "step failed (${status}): ${step}\n${err}")
  endif()
endforeach()
# The pkg-config file is installed and names the libraries.
file(READ ${WORK}/prefix/lib/pkgconfig/mslit.pc pc)
if(NOT pc MATCHES "-lmslit-search")
  message(FATAL_ERROR "mslit.pc does not name -lmslit-search")
endif()
