#include "export/render.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>

#include "common/text.h"

namespace corpgraph::exporter {
namespace {

// Guards every GraphViz call and `captured_errors` (see render.h).
std::mutex& GraphvizMutex() {
  static std::mutex mutex;
  return mutex;
}

// GraphViz's messages while a call holds the mutex; the handler below appends.
std::string captured_errors;

int CaptureGraphvizMessage(char* message) {
  if (message != nullptr) captured_errors += message;
  return 0;
}

std::string CapturedMessage() {
  std::string message(TrimWhitespace(captured_errors));
  for (char& c : message) {
    if (c == '\n') c = ' ';
  }
  return message.empty() ? "no message from GraphViz" : message;
}

// RAII for one GraphViz session: context, error capture, and cleanup in the
// reverse order of creation (layout, graph, context).
class Session {
 public:
  Session() : lock_(GraphvizMutex()) {
    captured_errors.clear();
    previous_handler_ = agseterrf(CaptureGraphvizMessage);
    agreseterrors();
    gvc_ = gvContext();
  }
  ~Session() {
    if (graph_ != nullptr) {
      if (laid_out_) gvFreeLayout(gvc_, graph_);
      agclose(graph_);
    }
    if (gvc_ != nullptr) gvFreeContext(gvc_);
    agseterrf(previous_handler_);
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  GVC_t* gvc() { return gvc_; }
  Agraph_t* graph() { return graph_; }

  bool Parse(std::string_view dot) {
    const std::string text(dot);  // agmemread wants a NUL-terminated string
    graph_ = agmemread(text.c_str());
    return graph_ != nullptr;
  }
  bool Layout(const std::string& engine) {
    laid_out_ = gvLayout(gvc_, graph_, engine.c_str()) == 0;
    return laid_out_;
  }

  std::vector<std::string> Layouts() {
    std::vector<std::string> names;
    int count = 0;
    char** list = gvPluginList(gvc_, "layout", &count, nullptr);
    if (list == nullptr) return names;
    for (int i = 0; i < count; ++i) {
      if (list[i] != nullptr) names.emplace_back(list[i]);
      std::free(list[i]);
    }
    std::free(list);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
  }

 private:
  std::lock_guard<std::mutex> lock_;
  agusererrf previous_handler_ = nullptr;
  GVC_t* gvc_ = nullptr;
  Agraph_t* graph_ = nullptr;
  bool laid_out_ = false;
};

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace

std::vector<std::string> AvailableLayouts() {
  Session session;
  return session.Layouts();
}

bool DotParses(std::string_view dot, std::string* error) {
  Session session;
  if (session.Parse(dot)) return true;
  if (error != nullptr) *error = CapturedMessage();
  return false;
}

Result<std::string> RenderDot(std::string_view dot, std::string_view layout, ImageFormat format) {
  Session session;
  if (session.gvc() == nullptr) return InternalError("GraphViz: could not create a context");
  const std::vector<std::string> layouts = session.Layouts();
  const std::string engine(layout);
  if (std::find(layouts.begin(), layouts.end(), engine) == layouts.end()) {
    return InvalidArgumentError("--layout \"" + engine +
                                "\": not available (available: " + Join(layouts) + ")");
  }
  if (!session.Parse(dot)) {
    return InvalidArgumentError("DOT input: GraphViz cannot parse it (" + CapturedMessage() + ")");
  }
  if (!session.Layout(engine)) {
    return InternalError("GraphViz layout \"" + engine + "\" failed (" + CapturedMessage() + ")");
  }
  const char* device = format == ImageFormat::kSvg ? "svg" : "png";
  char* data = nullptr;
  unsigned int length = 0;
  if (gvRenderData(session.gvc(), session.graph(), device, &data, &length) != 0 ||
      data == nullptr) {
    if (data != nullptr) gvFreeRenderData(data);
    return InternalError(std::string("GraphViz: rendering ") + device + " failed (" +
                         CapturedMessage() + ")");
  }
  std::string rendered(data, length);
  gvFreeRenderData(data);
  return rendered;
}

}  // namespace corpgraph::exporter
