// `uchronia date [--format text|json] [--julian] STRING...`: how a date is understood.
#include <iostream>

#include "cli.hpp"

namespace uch::cli {

VerbRun add_date(CLI::App& app, const Globals&) {
  auto* sub = app.add_subcommand("date", "Show how dates are understood (EDTF or the forms writers type)");
  struct Args {
    std::vector<std::string> inputs;
    std::string format = "text";
    bool julian = false;
  };
  auto a = std::make_shared<Args>();
  // The dates are taken as extras, not as a vector option: CLI11 would split an EDTF set such as
  // [1667,1668] into two values (its "[a,b]" list syntax).
  sub->allow_extras();
  sub->footer("STRING...  dates, e.g. 1917-10-25, 'c. 1920', 'spring 1917', '480 BC', '[1667,1668]'");
  sub->add_option("--format", a->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sub->add_flag("--julian", a->julian, "Read the dates as Julian (Old Style) dates");
  return [a, sub]() {
    a->inputs = sub->remaining();
    if (a->inputs.empty()) {
      std::cerr << "date: give at least one date, e.g. uchronia date 1917-10-25 'c. 1920'\n";
      return 2;
    }
    const Calendar cal = a->julian ? Calendar::Julian : Calendar::Gregorian;
    bool all_valid = true;
    for (const auto& input : a->inputs) {
      if (a->format == "json") std::cout << date_report_json(input, cal) << "\n";
      else std::cout << date_report_text(input, cal) << "\n";
      const NaturalDate n = parse_natural(input);
      if (!parse_edtf(input, cal).valid && !n.ok) all_valid = false;
    }
    return all_valid ? 0 : 1;
  };
}

}  // namespace uch::cli
