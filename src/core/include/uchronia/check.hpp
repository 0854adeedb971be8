// Consistency checks (spec sections 2-6): one rule per file, registered in one place,
// with an incremental mode for the editor.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "uchronia/check_input.hpp"
#include "uchronia/model.hpp"

namespace uch {

enum class Severity { Error, Warning, Info };
const char* to_string(Severity severity);

struct Finding {
  std::string rule;                  // e.g. "ref.outside-lifespan"
  Severity severity = Severity::Info;
  std::string entry;                 // "" = null in JSON
  std::string entity;                // "" = null in JSON
  std::string message;               // the writer's language, dates in human form
  std::vector<std::string> related;  // ids of related items
  bool acknowledged = false;
  /// docs/branches.md: the branches in whose world the finding holds, sorted by id; empty in a
  /// document without branches (and for a finding about the document as a whole).
  std::vector<std::string> branches;
  bool operator==(const Finding&) const = default;
};

/// Id of the item a finding is about (its entry, else its entity).
const std::string& subject_of(const Finding& finding);

struct RuleInfo {
  const char* id;
  Severity severity;
  const char* summary;
};
/// Every rule of spec section 5, in the order of the spec table.
const std::vector<RuleInfo>& all_rules();

struct CheckCounts { int error = 0, warning = 0, info = 0; };
/// Counts only findings that are not acknowledged.
CheckCounts count_findings(const std::vector<Finding>& findings);

/// Holds what the rules need to know about a document, and the current findings.
/// Full check: construct (or load) then findings(). Incremental: tell it what changed,
/// then findings() re-examines only what that change can affect.
class Checker {
 public:
  Checker();
  explicit Checker(const Document& doc);
  ~Checker();
  Checker(Checker&&) noexcept;
  Checker& operator=(Checker&&) noexcept;

  void load(const Document& doc);
  /// As load(input.doc) of the whole document, its links given (no text field read); throws
  /// Error when they are not the document's. Incremental updates follow as after load(doc).
  void load(const CheckInput& input);
  /// An entry/entity was added or changed (`now`), or removed (nullptr).
  void update_entry(const std::string& id, const Entry* now);
  void update_entity(const std::string& id, const Entity* now);
  void add_relation(const Relation& relation);
  void remove_relation(const Relation& relation);
  /// The document description changed (its links are checked too).
  void update_description(const std::string& description);

  /// Every finding, acknowledged ones included (flagged), sorted by
  /// (subject's chronological position, rule, related). Cheap when nothing changed.
  const std::vector<Finding>& findings();
  /// Findings about one item (entry or entity id).
  std::vector<Finding> findings_for(const std::string& id);

 private:
  struct State;
  std::unique_ptr<State> state_;
  friend std::vector<Finding> check_document(const Document& doc);  // one shot: no incremental upkeep
  friend std::vector<Finding> check_document(const CheckInput& input);
};

/// One-shot full check.
std::vector<Finding> check_document(const Document& doc);
/// One-shot full check of a document whose links are given (its text fields are not read):
/// the same findings as check_document of the whole document.
std::vector<Finding> check_document(const CheckInput& input);

/// Spec section 6 JSON: {"findings": [...], "counts": {...}}; acknowledged findings
/// are included only when include_acknowledged.
std::string findings_to_json(const std::vector<Finding>& findings, bool include_acknowledged);
/// Compiler-style lines "SOURCE: warning[rule] id "Title": message" and a summary line.
std::string findings_to_text(const std::vector<Finding>& findings, const Document& doc,
                             const std::string& source, bool include_acknowledged);

}  // namespace uch
