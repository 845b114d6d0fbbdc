# gcc on Debian links with --as-needed, which silently drops -ljemalloc when no
# object references a jemalloc symbol; wrap it so it always stays in the link.
# Under the sanitizers jemalloc is left out: ASan must own malloc.
function(ember_link_jemalloc target)
  if(NOT EMBER_SANITIZE)
    target_link_libraries(${target} PRIVATE
      "-Wl,--push-state,--no-as-needed" ${JEMALLOC_LINK_LIBRARIES} "-Wl,--pop-state")
    target_compile_definitions(${target} PRIVATE EMBER_WITH_JEMALLOC=1)
  endif()
endfunction()
