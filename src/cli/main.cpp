// The seslint command: wires the subcommands (one file each in src/cli/) to CLI11.
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string_view>

#if defined(SESLINT_KEEP_FREED_MEMORY) && defined(__GLIBC__)
#include <malloc.h>
#endif

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
#include "seslint/aws_catalog.hpp"
#include "seslint/version.hpp"

namespace {

constexpr std::array<std::string_view, 5> kSubcommands = {"explain", "simulate", "audit", "secrets", "diff"};

// Registering every subcommand's options costs more than linting a small file. A command line with
// no word naming a subcommand and no help flag (-h alone or among short flags, --help*) cannot reach
// one, so then only the default command is set up: it parses exactly as with all of them.
bool may_reach_subcommand(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--help")) return true;
    if (arg.starts_with('-') && !arg.starts_with("--") && arg.find('h') != std::string_view::npos) return true;
    if (std::find(kSubcommands.begin(), kSubcommands.end(), arg) != kSubcommands.end()) return true;
  }
  return false;
}

int run_command(int argc, char** argv) {
  using namespace seslint::cli;
  CLI::App app{"seslint: a linter for AWS IAM policies and Amazon SES sending authorization"};
  // A callback: the AWS catalog's index is built only when a run needs it.
  app.set_version_flag("--version", [] {
    return fmt::format("seslint {}\nAWS catalog: {}", seslint::version(), seslint::aws::Catalog::builtin().source());
  });
  LintCommand lint;
  lint.add_to(app);
  ExplainCommand explain;
  SimulateCommand simulate;
  AuditCommand audit;
  SecretsCommand secrets;
  DiffCommand diff;
  CLI::App *explain_app = nullptr, *simulate_app = nullptr, *audit_app = nullptr, *secrets_app = nullptr, *diff_app = nullptr;
  if (may_reach_subcommand(argc, argv)) {
    explain_app = explain.add_to(app);
    simulate_app = simulate.add_to(app);
    audit_app = audit.add_to(app);
    secrets_app = secrets.add_to(app);
    diff_app = diff.add_to(app);
  }
  lint.subcommands.assign(kSubcommands.begin(), kSubcommands.end());
  lint.command_line = LintCommand::describe_command_line(argc, argv);
  secrets.command_line = lint.command_line;

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitError;
  }
  try {
    const auto chosen = [](const CLI::App* sub) { return sub != nullptr && sub->parsed(); };
    if (chosen(explain_app)) return explain.run();
    if (chosen(simulate_app)) return simulate.run();
    if (chosen(audit_app)) return audit.run();
    if (chosen(secrets_app)) return secrets.run();
    if (chosen(diff_app)) return diff.run();
    return lint.run();
  } catch (const std::exception& e) {
    std::cerr << "seslint: internal error: " << e.what() << '\n';
    return kExitError;
  }
}

}  // namespace

int main(int argc, char** argv) {
#if defined(SESLINT_KEEP_FREED_MEMORY) && defined(__GLIBC__)
  // A run is short: memory freed after one file is better kept for the next than given back and
  // faulted in again (each new page costs ~10-13 us here: bench/page_cost.cpp). glibc otherwise
  // trims the heap top past 128 KiB free and maps every block of 128 KiB or more on its own (the
  // JSON tree of a large policy, a file's text); peak RSS about the same (+0.5 MB on 8 copies of
  // the AWS managed policies). On those policies this saved a fifth of the page faults.
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
  // Reports to a file or pipe go out in 64 KiB writes rather than stdio's 4 KiB: the text report
  // of the AWS managed policies took 429 writes (~5 us each here). glibc takes a size only with a
  // buffer; its pages are touched only as far as a report fills it. A terminal stays line-buffered.
  static char stdout_buffer[std::size_t{64} << 10];
  if (isatty(STDOUT_FILENO) == 0) std::setvbuf(stdout, stdout_buffer, _IOFBF, sizeof stdout_buffer);
  const int code = run_command(argc, argv);
#ifdef SESLINT_EXIT_WITHOUT_DESTRUCTORS
  // Everything is written once the output is flushed: the kernel frees the catalog, the rules and
  // the results at once, where destructors would take longer than linting a small file. Sanitizer
  // builds leave normally (CMakeLists.txt), so LeakSanitizer's exit-time check still sees leaks.
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(code);
#endif
  return code;
}
