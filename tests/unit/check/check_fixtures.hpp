// Test helpers for the checker: build documents in C++ and pick findings out of results.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "uchronia/check.hpp"
#include "uchronia/model.hpp"

namespace checktest {

/// Builds a uch::Document fluently: b.entry("a", "1920", "Title").body = "...".
struct DocBuilder {
  uch::Document doc;

  uch::Entry& entry(const std::string& id, const std::string& date, const std::string& title = "") {
    uch::Entry e;
    e.id = id;
    e.date = date;
    e.title = title.empty() ? "Entry " + id : title;
    doc.entries.push_back(std::move(e));
    return doc.entries.back();
  }
  uch::Entity& entity(const std::string& id, const std::string& name, uch::EntityKind kind,
                      const std::string& start = "", const std::string& end = "") {
    uch::Entity e;
    e.id = id;
    e.name = name;
    e.kind = kind;
    e.start = start;
    e.end = end;
    doc.entities.push_back(std::move(e));
    return doc.entities.back();
  }
  uch::Entity& person(const std::string& id, const std::string& name, const std::string& start = "",
                      const std::string& end = "") {
    return entity(id, name, uch::EntityKind::Person, start, end);
  }
  DocBuilder& rel(const std::string& from, uch::RelationType type, const std::string& to) {
    doc.relations.push_back({from, type, to, {}});
    return *this;
  }
  std::vector<uch::Finding> check() const { return uch::check_document(doc); }
};

inline uch::Acknowledgement ack(const std::string& rule) { return {rule, "accepted in a test"}; }

/// The findings of one rule.
inline std::vector<uch::Finding> of_rule(const std::vector<uch::Finding>& all, const std::string& rule) {
  std::vector<uch::Finding> out;
  for (const auto& f : all)
    if (f.rule == rule) out.push_back(f);
  return out;
}

/// Findings of one rule about one subject (entry or entity id; "" = the document).
inline std::vector<uch::Finding> about(const std::vector<uch::Finding>& all, const std::string& rule,
                                       const std::string& subject) {
  std::vector<uch::Finding> out;
  for (const auto& f : all)
    if (f.rule == rule && uch::subject_of(f) == subject) out.push_back(f);
  return out;
}

inline bool raises(const DocBuilder& b, const std::string& rule, const std::string& subject) {
  return !about(b.check(), rule, subject).empty();
}

}  // namespace checktest
