// Branch edits: the document-level branch list lives with the document's fields, an entry's branch
// and an entity's overrides in their rows; each edit is one commit.
#include "uchronia/branch_edit.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "model/branch_json.hpp"
#include "uchronia/check_input.hpp"

namespace uch {

namespace {

std::string in_quotes(const std::string& s) { return "'" + s + "'"; }

/// The document's own fields and its branches (items without their texts: no body is read).
Document document_fields(const Store& store) {
  CheckInput input = store.check_input();
  return std::move(input.doc);
}

Branch* find_branch(Document& doc, const std::string& id) {
  const auto it = std::find_if(doc.branches.begin(), doc.branches.end(), [&](const Branch& b) { return b.id == id; });
  return it == doc.branches.end() ? nullptr : &*it;
}

const Branch& require_branch(Document& doc, const std::string& id) {
  if (const Branch* b = find_branch(doc, id)) return *b;
  throw Error("no branch " + in_quotes(id) + (doc.branches.empty() ? " (the document has no branches)" : ""));
}

std::string shown(const Branch& b) { return in_quotes(b.name.empty() ? b.id : b.name); }

bool has_entry(const Document& doc, const std::string& id) {
  return std::any_of(doc.entries.begin(), doc.entries.end(), [&](const Entry& e) { return e.id == id; });
}

/// Parent changes may not make a cycle: walking up from the new parent must not reach the branch.
void refuse_cycle(Document& doc, const std::string& id, const std::string& parent) {
  std::string at = parent;
  for (std::size_t steps = 0; !at.empty() && steps <= doc.branches.size(); ++steps) {
    if (at == id) throw Error("branch " + in_quotes(id) + " cannot fork from " + in_quotes(parent) + ": that is one of its own descendants");
    const Branch* b = find_branch(doc, at);
    at = b ? b->parent : std::string();
  }
}

std::string typed_date(const std::string& value) {
  if (value.empty()) return value;
  const TypedDate d = read_typed_date(value, Calendar::Gregorian);
  if (!d.ok) throw Error("diverges: " + d.error);
  return d.stored;
}

CommitResult commit_branches(Store& store, const Document& doc, const std::string& summary, const std::string& author) {
  Edit edit;
  edit.set_document_extra(detail::document_extra_with_branches(doc)).summary(summary);
  return store.commit(edit, author);
}

}  // namespace

std::string branches_text(const Document& doc) {
  std::vector<const Branch*> order;
  for (const Branch& b : doc.branches) order.push_back(&b);
  std::sort(order.begin(), order.end(), [&](const Branch* a, const Branch* b) {
    const bool ma = a->id == doc.main_branch || (doc.main_branch.empty() && a->parent.empty());
    const bool mb = b->id == doc.main_branch || (doc.main_branch.empty() && b->parent.empty());
    if (ma != mb) return ma;
    return a->id < b->id;
  });
  std::string out;
  for (const Branch* b : order) out += b->id + '\t' + b->name + '\t' + b->parent + '\t' + b->diverges + '\n';
  return out;
}

CommitResult add_branch(Store& store, const Branch& branch, const std::string& author) {
  if (!is_valid_id(branch.id)) throw Error("invalid branch id " + in_quotes(branch.id) + " (1 to 128 of A-Z a-z 0-9 . _ -)");
  if (branch.name.empty()) throw Error("a branch needs a name");
  Document doc = document_fields(store);
  if (find_branch(doc, branch.id) || has_entry(doc, branch.id) ||
      std::any_of(doc.entities.begin(), doc.entities.end(), [&](const Entity& e) { return e.id == branch.id; }))
    throw Error("the id " + in_quotes(branch.id) + " is already used (branches share the id space of entries and entities)");
  Branch b = branch;
  b.diverges = typed_date(b.diverges);
  if (doc.branches.empty()) {
    // The first branch is the main branch: it forks from nothing.
    if (!b.parent.empty()) throw Error("the first branch is the main branch and has no parent; add it first");
    doc.main_branch = b.id;
  } else {
    if (b.parent.empty()) throw Error("a new branch needs --parent (the main branch is " + in_quotes(doc.main_branch) + ")");
    require_branch(doc, b.parent);
    if (b.diverges.empty()) throw Error("a new branch needs --diverges, the date where it forks from its parent");
  }
  if (!b.point.empty() && !has_entry(doc, b.point)) throw Error("point: no entry " + in_quotes(b.point));
  doc.branches.push_back(b);
  return commit_branches(store, doc, "Branch " + shown(b) + " added" + (b.parent.empty() ? "" : ", forking from " + in_quotes(b.parent) + " on " + format_human(b.diverges)), author);
}

CommitResult set_branch_field(Store& store, const std::string& id, const std::string& field, const std::string& value,
                              const std::string& author) {
  Document doc = document_fields(store);
  require_branch(doc, id);
  Branch& b = *find_branch(doc, id);
  const std::string before = shown(b);
  std::string summary;
  if (field == "name") {
    if (value.empty()) throw Error("name: a branch needs a name");
    b.name = value;
    summary = "Branch " + before + " renamed to " + in_quotes(value);
  } else if (field == "parent") {
    if (b.parent.empty() && !value.empty()) throw Error("parent: " + in_quotes(id) + " is the main branch; it forks from nothing");
    if (!b.parent.empty() && value.empty()) throw Error("parent: a branch other than the main branch needs a parent");
    require_branch(doc, value);
    refuse_cycle(doc, id, value);
    b.parent = value;
    summary = "Branch " + before + " now forks from " + in_quotes(value);
  } else if (field == "diverges") {
    if (b.parent.empty()) throw Error("diverges: " + in_quotes(id) + " is the main branch; it does not diverge");
    if (value.empty()) throw Error("diverges: a branch with a parent needs a date");
    b.diverges = typed_date(value);
    summary = "Branch " + before + " now diverges on " + format_human(b.diverges);
  } else if (field == "point") {
    if (!value.empty() && !has_entry(doc, value)) throw Error("point: no entry " + in_quotes(value));
    b.point = value;
    summary = value.empty() ? "Branch " + before + " has no point of divergence" : "Branch " + before + ": point of divergence " + in_quotes(value);
  } else if (field == "keeps" || field == "drops") {
    std::vector<std::string> ids = split_list(value);
    for (const std::string& e : ids)
      if (!has_entry(doc, e)) throw Error(field + ": no entry " + in_quotes(e));
    (field == "keeps" ? b.keeps : b.drops) = ids;
    summary = "Branch " + before + " " + field + " " + (ids.empty() ? "nothing" : join_list(ids));
  } else {
    throw Error("unknown branch field " + in_quotes(field) + " (name, parent, diverges, point, keeps or drops)");
  }
  return commit_branches(store, doc, summary, author);
}

CommitResult delete_branch(Store& store, const std::string& id, const std::string& author) {
  Document doc = document_fields(store);
  const Branch& b = require_branch(doc, id);
  const std::string name = shown(b);
  for (const Branch& other : doc.branches)
    if (other.parent == id) throw Error("branch " + in_quotes(id) + " cannot be deleted: " + in_quotes(other.id) + " forks from it");
  for (const Entry& e : doc.entries)
    if (e.branch == id || (id == doc.main_branch && e.branch.empty()))
      throw Error("branch " + in_quotes(id) + " cannot be deleted: entry " + in_quotes(e.id) + " belongs to it (move it first)");
  doc.branches.erase(std::find_if(doc.branches.begin(), doc.branches.end(), [&](const Branch& x) { return x.id == id; }));
  if (doc.main_branch == id) doc.main_branch.clear();
  return commit_branches(store, doc, "Branch " + name + " deleted", author);
}

CommitResult move_entry_to_branch(Store& store, const std::string& entry, const std::string& branch,
                                  const std::string& author) {
  auto current = store.entry(entry);
  if (!current) throw Error("no entry " + in_quotes(entry));
  Document doc = document_fields(store);
  std::string target = branch;
  if (target.empty()) target = doc.main_branch;
  const Branch& b = require_branch(doc, target);
  Entry e = current->value;
  e.branch = target == doc.main_branch ? std::string() : target;  // the main branch is the default
  if (e.branch == current->value.branch) throw Error("entry " + in_quotes(entry) + " is already in branch " + shown(b));
  Edit edit;
  edit.put_entry(e, current->version).summary("Entry " + in_quotes(e.title) + " moved to branch " + shown(b));
  return store.commit(edit, author);
}

CommitResult set_entity_override(Store& store, const std::string& entity, const std::string& branch,
                                 const std::string& field, const std::string& value, const std::string& author) {
  auto current = store.entity(entity);
  if (!current) throw Error("no entity " + in_quotes(entity));
  Document doc = document_fields(store);
  const Branch& b = require_branch(doc, branch);
  if (field == "id") throw Error("id: an entity's id cannot be overridden in a branch");
  Entity e = current->value;
  auto it = std::find_if(e.in_branches.begin(), e.in_branches.end(), [&](const EntityOverride& o) { return o.branch == branch; });
  nlohmann::json fields = it == e.in_branches.end() ? nlohmann::json::object() : nlohmann::json::parse(it->fields, nullptr, false);
  if (!fields.is_object()) fields = nlohmann::json::object();
  std::string summary = "Entity " + in_quotes(e.name) + " in branch " + shown(b) + ": ";
  if (value.empty()) {
    fields.erase(field);
    summary += field + " as in its parent";
  } else {
    // The value read as the entity's own field is (dates as typed, lists, kinds), via a scratch copy.
    Entity scratch = e;
    set_item_field(scratch, field, value);
    if (field == "name") fields["name"] = scratch.name;
    else if (field == "start") fields["start"] = scratch.start;
    else if (field == "end") fields["end"] = scratch.end;
    else if (field == "notes") fields["notes"] = scratch.notes;
    else if (field == "kind") fields["kind"] = to_string(scratch.kind);
    else if (field == "aliases") fields["aliases"] = scratch.aliases;
    else throw Error("unknown override field " + in_quotes(field) + " (name, kind, aliases, start, end or notes)");
    const std::string text = fields[field].is_string() ? fields[field].get<std::string>() : join_list(scratch.aliases);
    summary += field + " " + ((field == "start" || field == "end") ? format_human(text, e.calendar) : in_quotes(text));
  }
  if (it == e.in_branches.end()) {
    e.in_branches.push_back({branch, ""});
    it = e.in_branches.end() - 1;
  }
  if (fields.empty()) e.in_branches.erase(it);
  else it->fields = fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::sort(e.in_branches.begin(), e.in_branches.end(),
            [](const EntityOverride& x, const EntityOverride& y) { return x.branch < y.branch; });
  Edit edit;
  edit.put_entity(e, current->version).summary(summary);
  return store.commit(edit, author);
}

}  // namespace uch
