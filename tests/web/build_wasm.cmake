# wasm.build (tests/web/CMakeLists.txt): configure and build wasm/ with emscripten in its own build
# directory. -DSOURCE=<repo>/wasm -DBINARY=<dir> -DEMCMAKE=<emcmake>.
# NODE_PATH: emcc's JavaScript optimiser requires Debian's `acorn` (/usr/share/nodejs), which a node
# not from Debian (e.g. NodeSource's) does not search by itself.
set(ENV{NODE_PATH} "/usr/share/nodejs")
execute_process(COMMAND ${EMCMAKE} ${CMAKE_COMMAND} -S ${SOURCE} -B ${BINARY} -DCMAKE_BUILD_TYPE=Release
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "emcmake cmake failed (${rc})")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY} -j2 RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the WebAssembly module failed (${rc})")
endif()
file(SIZE ${BINARY}/arthrokin_web.wasm wasm_size)
file(SIZE ${BINARY}/arthrokin_web.js js_size)
file(SIZE ${BINARY}/arthrokin_web_api.js api_size)
message(STATUS "arthrokin_web.wasm ${wasm_size} bytes, arthrokin_web.js ${js_size} bytes, arthrokin_web_api.js ${api_size} bytes")
