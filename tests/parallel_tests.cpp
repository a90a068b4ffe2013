// The pieces behind --jobs and streamed output: the task pool, ordered linting, streamed exports
// in parts, and when progress shows.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

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
    lint_in_order(jobs, threads, [&](std::size_t job, FileResult part, bool last) {
      seen.emplace_back(job, last);
      if (job == 5) export_findings += part.findings.size();
    });
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
