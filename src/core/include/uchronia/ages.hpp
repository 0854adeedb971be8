// The ages of the people an entry mentions, at the entry's date ("Trotsky, 44"): one rule for the
// editor and, later, the exports.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "uchronia/date.hpp"
#include "uchronia/links.hpp"
#include "uchronia/model.hpp"

namespace uch {

struct MentionedAge {
  std::string id, name;
  AgeRange age;
};

/// The people of a document, found by their names, aliases and ids as links find them.
class People {
 public:
  explicit People(const std::vector<Entity>& entities);
  /// Each person the entry's body links to (first mention first, once) whose birth (start) and the
  /// entry's date are known, with their age then; people not yet born are left out.
  std::vector<MentionedAge> ages_at(const Entry& entry) const;

 private:
  std::vector<Entity> people_;
  std::unordered_map<std::string, std::size_t> index_of_;  // id -> people_
  LinkResolver resolver_;
};

/// The one wording of those ages, for the editor and the exports: "Leon Trotsky, 44 · Joseph Stalin, 38–39".
std::string ages_text(const std::vector<MentionedAge>& ages);

}  // namespace uch
