#pragma once
// Runs Catch's session on the command line (Catch's own options); see catch_session.cpp.
int run_catch_session(int argc, char** argv);
