// Relations drawn as arrows between the entries on screen: see timeline_arrows.hpp.
#include "timeline_arrows.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_set>

#include "editor_state.hpp"
#include "panel.hpp"
#include "ui_common.hpp"

namespace uch::app {
namespace {

constexpr RelationType kTypes[] = {RelationType::Before, RelationType::After, RelationType::Causes,
                                   RelationType::Ends, RelationType::During};

std::string relation_key(const std::string& from, RelationType type, const std::string& to) {
  return from + '\n' + to_string(type) + '\n' + to;
}

/// The relations the checker finds violated. A relation.violated finding is about the relation's
/// `from` entry, names `to` first among its related items, and ends its message with "(FROM TYPE TO).".
std::unordered_set<std::string> violated_relations(const std::vector<Finding>& findings) {
  std::unordered_set<std::string> out;
  for (const Finding& f : findings) {
    if (f.rule != "relation.violated" || f.related.empty()) continue;
    for (RelationType type : kTypes) {
      const std::string tail = "(" + f.entry + " " + to_string(type) + " " + f.related.front() + ")";
      if (f.message.find(tail) != std::string::npos) out.insert(relation_key(f.entry, type, f.related.front()));
    }
  }
  return out;
}

ImVec2 bezier_at(ImVec2 p0, ImVec2 p1, ImVec2 p2, ImVec2 p3, float t) {
  const float u = 1 - t, a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
  return ImVec2(a * p0.x + b * p1.x + c * p2.x + d * p3.x, a * p0.y + b * p1.y + c * p2.y + d * p3.y);
}

}  // namespace

void TimelineArrows::consider_hover(const Out& o, ImVec2 p0, ImVec2 p1, ImVec2 p2, ImVec2 p3, ImVec2 mouse) {
  constexpr float kNear = 5.0f;
  const float x0 = std::min({p0.x, p1.x, p2.x, p3.x}) - kNear, x1 = std::max({p0.x, p1.x, p2.x, p3.x}) + kNear;
  const float y0 = std::min({p0.y, p1.y, p2.y, p3.y}) - kNear, y1 = std::max({p0.y, p1.y, p2.y, p3.y}) + kNear;
  if (mouse.x < x0 || mouse.x > x1 || mouse.y < y0 || mouse.y > y1) return;   // most arrows stop here
  for (int i = 0; i <= 16; ++i) {
    const ImVec2 q = bezier_at(p0, p1, p2, p3, static_cast<float>(i) / 16.0f);
    const float d = std::hypot(q.x - mouse.x, q.y - mouse.y);
    if (d <= kNear && (!hover_.on || d < hover_.distance)) hover_ = {true, o.relation, o.violated, d};
  }
}

void TimelineArrows::tooltip(EditorState& state) const {
  if (!hover_.on || hover_.relation >= state.relations().size()) return;
  const Relation& r = state.relations()[hover_.relation];
  std::string text = state.label_of(r.from) + " " + to_string(r.type) + " " + state.label_of(r.to);
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(text.c_str());
  if (hover_.violated) {
    const std::string tail = "(" + r.from + " " + to_string(r.type) + " " + r.to + ")";
    for (const Finding& f : state.findings())
      if (f.rule == "relation.violated" && f.entry == r.from && f.message.find(tail) != std::string::npos) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
        ImGui::TextColored(severity_color(Severity::Error), "%s", f.message.c_str());
        ImGui::PopTextWrapPos();
        text += "\n" + f.message;
        break;
      }
  }
  ImGui::EndTooltip();
  probe_text("timeline/arrow-tip", text);
}

ImU32 relation_color(RelationType type, bool violated) {
  if (violated) return ImGui::ColorConvertFloat4ToU32(severity_color(Severity::Error));
  switch (type) {
    case RelationType::Causes: return IM_COL32(240, 170, 60, 220);
    case RelationType::Before: return IM_COL32(130, 190, 255, 200);
    case RelationType::After: return IM_COL32(130, 220, 230, 200);
    case RelationType::Ends: return IM_COL32(200, 140, 255, 220);
    case RelationType::During: return IM_COL32(140, 220, 140, 200);
  }
  return IM_COL32(200, 200, 200, 200);
}

void TimelineArrows::rebuild(EditorState& state) {
  generation_ = state.generation();
  findings_generation_ = state.checking() ? ~0ull - 1 : state.findings_generation();
  const auto& relations = state.relations();
  const std::size_t rows = state.rows().size();
  const std::unordered_set<std::string> violated = violated_relations(state.findings());
  struct Edge {
    std::uint32_t from;
    Out out;
  };
  std::vector<Edge> edges;
  edges.reserve(relations.size());
  for (std::uint32_t k = 0; k < relations.size(); ++k) {
    const Relation& r = relations[k];
    const auto from = state.row_index(r.from), to = state.row_index(r.to);
    if (!from || !to) continue;   // an entity, or an entry no longer there
    const bool bad = !violated.empty() && violated.count(relation_key(r.from, r.type, r.to)) > 0;
    edges.push_back({static_cast<std::uint32_t>(*from), {static_cast<std::uint32_t>(*to), r.type, bad, k}});
  }
  first_.assign(rows + 1, 0);
  for (const Edge& e : edges) ++first_[e.from + 1];
  for (std::size_t r = 0; r < rows; ++r) first_[r + 1] += first_[r];
  out_.resize(edges.size());
  std::vector<std::uint32_t> fill(first_.begin(), first_.end() - 1);
  for (const Edge& e : edges) out_[fill[e.from]++] = e.out;
}

void TimelineArrows::draw(EditorState& state, const TimelineMarks& marks, ImDrawList* dl) {
  const std::uint64_t findings_gen = state.checking() ? ~0ull - 1 : state.findings_generation();
  if (generation_ != state.generation() || findings_generation_ != findings_gen || first_.size() != state.rows().size() + 1)
    rebuild(state);
  hover_.on = false;
  if (out_.empty()) return;
  const float em = ImGui::GetFontSize();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool probing = probe_enabled();
  for (const DrawnMark& from : marks.marks()) {
    for (std::uint32_t k = first_[from.row]; k < first_[from.row + 1]; ++k) {
      const Out& o = out_[k];
      const DrawnMark* to = marks.find(o.to);
      if (!to) continue;   // only relations with both entries on screen
      // from the top of the source's end to the top of the target's start (a point: its centre),
      // arching above the rows so that no arrow runs along a title
      const float top = em * 0.35f;
      ImVec2 p0(from.x_hi, from.cy - top), p3(to->x_lo, to->cy - top);
      if (o.type == RelationType::During || o.type == RelationType::Ends) p3.x = std::clamp(from.x_hi, to->x_lo, to->x_hi);
      const float dx = std::fabs(p3.x - p0.x);
      const float lift = std::min(em * 0.8f + dx * 0.15f, em * 3.0f);
      const float reach = std::max(dx * 0.3f, em * 0.5f);
      const float dir = p3.x >= p0.x ? 1.0f : -1.0f;
      ImVec2 p1(p0.x + dir * reach, std::min(p0.y, p3.y) - lift), p2(p3.x - dir * reach, std::min(p0.y, p3.y) - lift);
      const ImU32 col = relation_color(o.type, o.violated);
      const float thick = o.violated ? 2.5f : 1.5f;
      dl->AddBezierCubic(p0, p1, p2, p3, col, thick, 16);
      // the head, along the curve's last tangent
      float tx = p3.x - p2.x, ty = p3.y - p2.y;
      const float len = std::sqrt(tx * tx + ty * ty);
      if (len > 0.01f) tx /= len, ty /= len;
      else tx = 1, ty = 0;
      const float h = em * 0.45f;
      dl->AddTriangleFilled(p3, ImVec2(p3.x - tx * h - ty * h * 0.5f, p3.y - ty * h + tx * h * 0.5f),
                            ImVec2(p3.x - tx * h + ty * h * 0.5f, p3.y - ty * h - tx * h * 0.5f), col);
      consider_hover(o, p0, p1, p2, p3, mouse);
      if (probing) {
        const auto& rows = state.rows();
        const ImVec2 mid = bezier_at(p0, p1, p2, p3, 0.5f);
        probe_rect("timeline/arrow/" + rows[from.row].id + "/" + to_string(o.type) + "/" + rows[o.to].id,
                   {mid.x - 1, mid.y - 1, mid.x + 1, mid.y + 1,
                    o.violated ? "violated" : "ok"});
      }
    }
  }
}

}  // namespace uch::app
