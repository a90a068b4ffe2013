// Catch2's implementation, compiled once for every test program (it is ~20 s of compiling). Its
// Session class is declared only here, so the programs' mains call run_catch_session.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "catch_session.hpp"

int run_catch_session(int argc, char** argv) { return Catch::Session().run(argc, argv); }
