// The pieces behind --jobs and streamed output: the task pool, ordered linting, streamed exports
// in parts, and when progress shows.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "seslint/lint.hpp"
#include "seslint/progress.hpp"
#include "seslint/task_pool.hpp"

using namespace seslint;

TEST_CASE("a pool of one runs every task on the waiting thread, in order") {
  TaskPool pool(1);
  std::vector<int> order;
  std::atomic<int> done{0};
  for (int i = 0; i < 5; ++i) pool.submit([&, i] { order.push_back(i); ++done; });
  CHECK(order.empty());  // nothing runs until someone waits
  pool.help_until([&] { return done.load() == 5; });
  CHECK(order == std::vector<int>{0, 1, 2, 3, 4});
}

TEST_CASE("a pool of several threads runs every task") {
  TaskPool pool(4);
  std::atomic<int> sum{0};
  for (int i = 1; i <= 100; ++i) pool.submit([&, i] { sum += i; });
  pool.help_until([&] { return sum.load() == 5050; });
  CHECK(sum.load() == 5050);
  CHECK(pool.started() == 3);
}

TEST_CASE("a pool starts its workers only when a task waits behind another") {
  TaskPool pool(4);
  CHECK(pool.threads() == 4);  // what callers size their windows by, started or not
  std::atomic<int> done{0};
  pool.submit([&] { ++done; });
  CHECK(pool.started() == 0);
  pool.help_until([&] { return done.load() == 1; });  // one task at a time: the caller runs it
  pool.submit([&] { ++done; });
  pool.help_until([&] { return done.load() == 2; });
  CHECK(pool.started() == 0);
  pool.submit([&] { ++done; });
  pool.submit([&] { ++done; });
  CHECK(pool.started() == 3);
  pool.help_until([&] { return done.load() == 4; });
}

namespace {
std::atomic<int> worker_starts{0};
void count_worker_start() { ++worker_starts; }
}  // namespace

TEST_CASE("every worker runs the worker-start function first, once") {
  worker_starts = 0;
  TaskPool::set_worker_start(&count_worker_start);
  {
    TaskPool pool(3);
    std::atomic<int> done{0};
    for (int i = 0; i < 20; ++i) pool.submit([&] { ++done; });
    pool.help_until([&] { return done.load() == 20; });
    CHECK(pool.started() == 2);
  }  // the workers have ended
  CHECK(worker_starts.load() == 2);
  TaskPool::set_worker_start(nullptr);
  {
    TaskPool pool(3);
    std::atomic<int> done{0};
    for (int i = 0; i < 5; ++i) pool.submit([&] { ++done; });
    pool.help_until([&] { return done.load() == 5; });
  }
  CHECK(worker_starts.load() == 2);
}

TEST_CASE("progress shows only on a terminal, without -q, outside CI") {
  CHECK(progress_wanted(true, false, nullptr));
  CHECK(progress_wanted(true, false, ""));
  CHECK(progress_wanted(true, false, "false"));
  CHECK_FALSE(progress_wanted(false, false, nullptr));
  CHECK_FALSE(progress_wanted(true, true, nullptr));
  CHECK_FALSE(progress_wanted(true, false, "true"));
  CHECK_FALSE(progress_wanted(true, false, "1"));
}

TEST_CASE("the progress line waits a second, then redraws in place and is cleared") {
  using namespace std::chrono_literals;
  const auto start = ProgressLine::Clock::time_point{};
  std::ostringstream err;
  {
    ProgressLine line(err, true, start);
    line.update(1, 10, start + 500ms);
    CHECK(err.str().empty());  // a short run never shows it
    line.update(2, 10, start + 1100ms);
    CHECK(err.str() == "\rseslint: 2/10 files");
    line.update(3, 10, start + 1150ms);  // too soon to redraw
    CHECK(err.str() == "\rseslint: 2/10 files");
    line.update(10, 10, start + 1300ms);
  }
  CHECK(err.str() == "\rseslint: 2/10 files\rseslint: 10/10 files\r" + std::string(20, ' ') + "\r");
  std::ostringstream off;
  {
    ProgressLine line(off, false, start);
    line.update(1, 10, start + 5s);
  }
  CHECK(off.str().empty());
}

TEST_CASE("within a large streamed export the progress line counts megabytes") {
  using namespace std::chrono_literals;
  const auto start = ProgressLine::Clock::time_point{};
  std::ostringstream err;
  ProgressLine line(err, true, start);
  line.update_bytes(0, 1, 212'400'000, 500'000'000, start + 500ms);
  CHECK(err.str().empty());
  line.update_bytes(0, 1, 212'400'000, 500'000'000, start + 1100ms);
  CHECK(err.str() == "\rseslint: 0/1 files, 212/500 MB");
  line.update_bytes(0, 1, 3'000'000, 0, start + 1300ms);  // a pipe: no size known
  CHECK(err.str() == "\rseslint: 0/1 files, 212/500 MB\rseslint: 0/1 files, 3 MB" + std::string(6, ' ') +
                         "\rseslint: 0/1 files, 3 MB");
}

TEST_CASE("files are handed on in input order, a streamed export element by element") {
  const auto dir = std::filesystem::temp_directory_path() / "seslint-parallel-test";
  std::filesystem::create_directories(dir);
  const std::string policy = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})";
  std::vector<LintJob> jobs;
  LintOptions options;
  const Linter linter(options);
  for (int i = 0; i < 12; ++i) {
    const auto path = (dir / ("p" + std::to_string(i) + ".json")).string();
    std::ofstream(path) << policy;
    jobs.push_back({path, true, &linter});
  }
  const auto dump = (dir / "export.json").string();
  std::ofstream(dump) << R"({"UserDetailList": [)"
                      << R"({"UserName": "a", "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": )" << policy << "}]},"
                      << R"({"UserName": "b", "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": )" << policy << "}]}"
                      << "]}";
  jobs.insert(jobs.begin() + 5, LintJob{dump, true, &linter});
  for (const unsigned threads : {1u, 3u}) {
    std::vector<std::pair<std::size_t, bool>> seen;  // job, last
    std::size_t export_findings = 0;
    std::vector<std::pair<std::size_t, ReadProgress>> read;
    lint_in_order(
        jobs, threads,
        [&](std::size_t job, FileResult part, bool last) {
          seen.emplace_back(job, last);
          if (job == 5) export_findings += part.findings.size();
        },
        [&](std::size_t job, ReadProgress progress) { read.emplace_back(job, progress); });
    REQUIRE(read.size() == 2);  // after each element of the export, and for nothing else
    for (const auto& [job, progress] : read) {
      CHECK(job == 5);
      CHECK(progress.size == std::filesystem::file_size(dump));
      CHECK(progress.read <= progress.size);
    }
    CHECK(read.back().second.read == read.back().second.size);  // a small export is read in one go
    std::vector<std::pair<std::size_t, bool>> expected;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      if (i == 5) {  // two elements, then the export's end
        expected.emplace_back(5, false);
        expected.emplace_back(5, false);
      }
      expected.emplace_back(i, true);
    }
    CHECK(seen == expected);
    CHECK(export_findings == linter.lint_path(dump).findings.size());
    CHECK(export_findings > 0);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("an exception while linting one file is that file's internal error, the others are still linted") {
  const auto dir = std::filesystem::temp_directory_path() / "seslint-internal-error-test";
  std::filesystem::create_directories(dir);
  const std::string policy = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})";
  const auto broken = (dir / "broken.json").string();
  const auto dump = (dir / "export.json").string();
  std::atomic<int> export_elements{0};
  LintOptions options;
  options.before_lint_for_testing = [&](const std::string& path) {
    if (path == broken) throw std::runtime_error("rule crashed");
    if (path == dump && export_elements++ == 1) throw std::out_of_range("element crashed");  // the second of three
  };
  const Linter linter(options);
  std::vector<LintJob> jobs;
  for (int i = 0; i < 6; ++i) {
    const auto path = (dir / ("p" + std::to_string(i) + ".json")).string();
    std::ofstream(path) << policy;
    jobs.push_back({path, true, &linter});
  }
  std::ofstream(broken) << policy;
  jobs.insert(jobs.begin() + 2, LintJob{broken, true, &linter});
  std::ofstream out(dump);
  out << R"({"UserDetailList": [)";
  for (int i = 0; i < 3; ++i)
    out << (i ? "," : "") << R"({"UserName": "u)" << i << R"(", "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": )"
        << policy << "}]}";
  out << "]}";
  out.close();
  jobs.push_back(LintJob{dump, true, &linter});
  // More threads than one: an exception escaping a worker would end the process (std::terminate).
  for (const unsigned threads : {1u, 3u}) {
    export_elements = 0;
    std::vector<std::string> errors;
    std::size_t files_with_findings = 0, export_parts_with_findings = 0;
    lint_in_order(jobs, threads, [&](std::size_t job, FileResult part, bool last) {
      if (!part.io_error.empty()) errors.push_back(part.path + ": " + part.io_error);
      if (job + 1 == jobs.size() && !last && !part.findings.empty()) ++export_parts_with_findings;
      if (last && !part.findings.empty()) ++files_with_findings;
    });
    CHECK(errors == std::vector<std::string>{broken + ": internal error: rule crashed",
                                             dump + ": internal error: element crashed"});
    CHECK(files_with_findings == 6);          // every other file
    CHECK(export_parts_with_findings == 2);  // the export's other elements
  }
  std::filesystem::remove_all(dir);
}
