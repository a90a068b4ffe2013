// expand_input_paths' error paths: symbolic-link loops, dangling links, FIFOs, unreadable directories. Each test
// builds its own tree under the temporary directory.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli_run.hpp"
#include "engine/input_file.hpp"
#include "seslint/lint.hpp"

using namespace seslint;
namespace fs = std::filesystem;

namespace {

// A scratch directory, removed (permissions restored first) when the test ends.
struct Scratch {
  fs::path dir;
  explicit Scratch(std::string_view name) : dir(fs::temp_directory_path() / fmt::format("seslint-{}-{}", name, ::getpid())) {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(dir, ec);
  }
  void file(const std::string& name) const {
    fs::create_directories((dir / name).parent_path());
    std::ofstream(dir / name) << "{}";
  }
};

std::vector<std::string> names(const std::vector<InputPath>& found, const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& input : found) out.push_back(fs::relative(input.path, root).string());
  return out;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

TEST_CASE("input paths: symbolic-link loops neither hang a scan nor pass as files") {
  const Scratch scratch("paths-loop");
  scratch.file("a.json");
  scratch.file("sub/b.json");
  fs::create_directory_symlink("..", scratch.dir / "sub" / "up");  // a directory cycle
  fs::create_symlink("loop-b.json", scratch.dir / "loop-a.json");  // a file-name cycle
  fs::create_symlink("loop-a.json", scratch.dir / "loop-b.json");
  std::vector<std::string> errors;
  const auto found = expand_input_paths({scratch.dir.string()}, errors);
  CHECK(names(found, scratch.dir) == std::vector<std::string>{"a.json", "sub/b.json"});
  for (const auto& input : found) CHECK_FALSE(input.named);

  std::vector<std::string> named_errors;
  const std::string loop = (scratch.dir / "loop-a.json").string();
  CHECK(expand_input_paths({loop}, named_errors).empty());
  REQUIRE(named_errors.size() == 1);
  CHECK(named_errors[0].rfind(loop + ": ", 0) == 0);
}

TEST_CASE("input paths: a FIFO in a directory is not read, a named one is passed on as given") {
  const Scratch scratch("paths-fifo");
  scratch.file("policy.json");
  REQUIRE(::mkfifo((scratch.dir / "pipe.json").c_str(), 0600) == 0);
  std::vector<std::string> errors;
  // Opening the FIFO without a writer would block: the scan must not try.
  const auto found = expand_input_paths({scratch.dir.string()}, errors);
  CHECK(names(found, scratch.dir) == std::vector<std::string>{"policy.json"});
  CHECK(errors.empty());
  const std::string pipe = (scratch.dir / "pipe.json").string();
  const auto named = expand_input_paths({pipe}, errors);
  REQUIRE(named.size() == 1);
  CHECK(named[0].path == pipe);
  CHECK(named[0].named);
  CHECK(errors.empty());
}

// Root reads any directory, so the scan runs in a child that gives up root first (as nobody).
TEST_CASE("input paths: an unreadable directory is reported, what the scan found before it is kept") {
  const Scratch scratch("paths-unreadable");
  fs::permissions(scratch.dir, fs::perms::all, fs::perm_options::add);  // nobody must reach the tree
  scratch.file("a.json");
  scratch.file("locked/hidden.json");
  fs::permissions(scratch.dir / "locked", fs::perms::none);
  const fs::path report = scratch.dir / "report.txt";
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(3);
    std::vector<std::string> errors;
    const auto found = expand_input_paths({scratch.dir.string()}, errors);
    std::ofstream out(report);
    for (const auto& input : found) out << "found " << fs::relative(input.path, scratch.dir).string() << '\n';
    for (const auto& error : errors) out << "error " << error << '\n';
    out.close();  // _exit runs no destructors: nothing would flush the file
    ::_exit(out ? 0 : 4);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  std::ifstream in(report);
  std::vector<std::string> lines;
  std::string all;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
    all += line + '\n';
  }
  INFO(all);
  CHECK(std::count(lines.begin(), lines.end(), "found a.json") == 1);
  CHECK(std::none_of(lines.begin(), lines.end(), [](const std::string& l) { return l.find("hidden") != std::string::npos; }));
  CHECK(std::count_if(lines.begin(), lines.end(), [](const std::string& l) {
          return l.rfind("error ", 0) == 0 && lower(l).find("permission denied") != std::string::npos;
        }) == 1);
}

TEST_CASE("input paths: a dangling link in a scan is skipped with a note, not an error") {
  const Scratch scratch("paths-dangling");
  scratch.file("a.json");
  fs::create_symlink("gone.json", scratch.dir / "moved.json");
  fs::create_symlink("gone.txt", scratch.dir / "notes.txt");  // not a name the scan reads: no note
  std::vector<std::string> errors, notes;
  const auto found = expand_input_paths({scratch.dir.string()}, errors, &notes);
  CHECK(names(found, scratch.dir) == std::vector<std::string>{"a.json"});
  CHECK(errors.empty());
  REQUIRE(notes.size() == 1);
  CHECK(notes[0] == (scratch.dir / "moved.json").string() +
                        ": skipped dangling symbolic link (its target gone.json does not exist)");

  // The command line: the note on stderr; the exit status is that of the files linted (a.json's
  // findings), not an I/O error's.
  const auto run = cli::seslint(fmt::format("'{}'", scratch.dir.string()));
  fs::remove(scratch.dir / "moved.json");
  CHECK(run.exit_code == cli::seslint(fmt::format("'{}'", scratch.dir.string())).exit_code);
  CHECK(run.exit_code != 2);
  CHECK(run.err.find("seslint: note: " + notes[0]) != std::string::npos);
}

// read_head reads a file shorter than its head whole, plus one byte to see its end; a file that
// grew since it was opened gets its full head (so a growing export is still seen as one) and is
// read to its new end by read_rest.
TEST_CASE("input files: short files are read whole into their own room, and files that grew after opening to their end") {
  Scratch scratch("input-file");
  const fs::path path = scratch.dir / "grows.json";
  std::ofstream(path) << "0123456789";
  auto file = InputFile::open(path.string());
  REQUIRE(file);
  REQUIRE(file->size() == 10u);
  std::ofstream(path, std::ios::app) << std::string(5000, 'x');
  std::string out;
  REQUIRE(file->read_head(out, 1 << 20));
  CHECK(out.size() == InputFile::kHeadSize);  // it grew: its head is read in full
  REQUIRE(file->read_rest(out, 1 << 20));
  CHECK(out.size() == 5010u);
  CHECK(out.starts_with("0123456789x"));

  const fs::path exact = scratch.dir / "exact.json";
  std::ofstream(exact) << std::string(100, 'y');
  auto same = InputFile::open(exact.string());
  REQUIRE(same);
  std::string head;
  REQUIRE(same->read_head(head, 1 << 20));
  CHECK(head.size() == 100u);
  CHECK(head.capacity() < InputFile::kHeadSize);  // read into the room for the file, not a 4 KiB head

  const fs::path small = scratch.dir / "small.json";
  std::ofstream(small) << "{}";
  auto whole = InputFile::open(small.string());
  REQUIRE(whole);
  std::string text;
  REQUIRE(whole->read_head(text, 1 << 20));
  REQUIRE(whole->read_rest(text, 1 << 20));
  CHECK(text == "{}");
}
