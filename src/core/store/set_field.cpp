// Setting one field of an item from typed text: the rule `uchronia set` follows, in one place,
// and Store::set_field, which reads and writes the item in one write transaction.
#include "uchronia/date.hpp"
#include "uchronia/rename.hpp"
#include "store/store_impl.hpp"

namespace uch {
using namespace detail;

namespace {

Calendar calendar_named(const std::string& v) {
  if (v == "julian") return Calendar::Julian;
  if (v == "gregorian") return Calendar::Gregorian;
  throw Error("calendar must be 'gregorian' or 'julian', not '" + shorten(v) + "'");
}

/// The date to store for typed text, by the one rule every front end uses (read_typed_date);
/// Old Style sets `calendar`. Text that is no date is refused here: a command line can say so.
std::string typed_date(const std::string& text, Calendar& calendar) {
  const TypedDate date = read_typed_date(text, calendar);
  if (!date.ok) throw Error(date.error);
  calendar = date.calendar;
  return date.stored;
}

}  // namespace

void set_item_field(Entry& entry, const std::string& f, const std::string& value) {
  if (f == "date") entry.date = typed_date(value, entry.calendar);
  else if (f == "title") entry.title = value;
  else if (f == "body") entry.body = value;
  else if (f == "otl") entry.otl = value;
  else if (f == "notes") entry.notes = value;
  else if (f == "tags") entry.tags = split_list(value);
  else if (f == "calendar") entry.calendar = calendar_named(value);
  else if (f == "series") {
    if (value.empty()) {
      entry.series.reset();
      return;
    }
    const auto colon = value.rfind(':');
    if (colon == std::string::npos) throw Error("series must be NAME:NUMBER, e.g. 'Party Congress:13'");
    try {
      entry.series = Series{value.substr(0, colon), std::stoll(value.substr(colon + 1))};
    } catch (const std::exception&) {
      throw Error("series number must be a whole number: '" + shorten(value.substr(colon + 1)) + "'");
    }
  } else {
    throw Error("an entry has no field '" + shorten(f) + "'");
  }
}

void set_item_field(Entity& entity, const std::string& f, const std::string& value) {
  if (f == "name") entity = renamed_entity(entity, value);  // the old name stays an alias: links keep working
  else if (f == "kind") {
    auto k = entity_kind_from_string(value);
    if (!k) throw Error("kind must be person, organisation, place or other");
    entity.kind = *k;
  } else if (f == "aliases") entity.aliases = split_list(value);
  else if (f == "start") entity.start = typed_date(value, entity.calendar);
  else if (f == "end") entity.end = typed_date(value, entity.calendar);
  else if (f == "notes") entity.notes = value;
  else if (f == "calendar") entity.calendar = calendar_named(value);
  else throw Error("an entity has no field '" + shorten(f) + "'");
}

CommitResult Store::set_field(const std::string& id, const std::string& field, const std::string& value,
                              std::optional<std::int64_t> expected_version, const std::string& author) {
  if (expected_version && *expected_version <= 0)
    throw Error("an expected version is a revision number (1 or more), not " + std::to_string(*expected_version));
  impl_->require_writable();
  // The read and the write in one transaction: the version read is the one written over.
  WriteTransaction tx(*impl_->conn);
  Edit edit;
  if (auto e = entry(id)) {
    set_item_field(e->value, field, value);
    edit.put_entry(std::move(e->value), expected_version);
  } else if (auto x = entity(id)) {
    set_item_field(x->value, field, value);
    edit.put_entity(std::move(x->value), expected_version);
  } else {
    throw Error("no entry or entity has the id '" + shorten(id) + "'");
  }
  CommitResult result = impl_->commit(edit, author, "edit", std::nullopt);
  tx.commit();
  return result;
}

}  // namespace uch
