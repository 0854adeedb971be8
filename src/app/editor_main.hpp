// Entry point of the desktop editor (called by `uchronia` with no verb or with a document).
#pragma once

namespace uch::app {

/// `uchronia [DOC] [--screenshot OUT.png] [--frames N] [--select ID] [--size WxH]`.
/// Returns 2 with one line on stderr when no display is available.
int run_editor(int argc, char** argv);

}  // namespace uch::app
