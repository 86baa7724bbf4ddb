// extract/internal/literal_set.h — finds which of a fixed set of literal strings occur in
// a text, ignoring ASCII case.
//
//   LiteralSet literals;
//   literals.Build({"acquired", " unit of", "'s"});
//   std::vector<int> found;
//   literals.FindAll("Beta Corp acquired Gamma", found);  // found == {0}
//
// The relation rules' prefilter asks it for the literals ("atoms") each rule needs, once per
// sentence. An Aho-Corasick automaton over byte classes reads the text once, a table look-up
// a byte, whatever the number of literals; only states where literals end report anything.
// Bytes outside ASCII compare exactly, so a literal with non-ASCII bytes matches only the
// same bytes (RE2's case-insensitive matching would also fold them; callers that need that
// must not rely on this class for such literals). Read-only after Build: FindAll and ForEach
// may be called from many threads.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace corpgraph::extract::internal {

class LiteralSet {
 public:
  // Replaces the set. Literal i keeps index i. An empty literal occurs in every text.
  void Build(const std::vector<std::string>& literals) {
    always_.clear();
    // Byte classes: each byte some literal holds (ASCII capitals as their lower case) is a
    // class of its own, every other byte class 0, which leads back to the root.
    class_.fill(0);
    classes_ = 1;
    for (const std::string& literal : literals) {
      for (char c : literal) {
        uint8_t& cls = class_[static_cast<unsigned char>(Lower(c))];
        if (cls == 0) cls = static_cast<uint8_t>(classes_++);
      }
    }
    for (int c = 'A'; c <= 'Z'; ++c) class_[c] = class_[c + 32];
    // The trie: next_ holds child states (0: none yet), outputs per state.
    next_.assign(classes_, 0);
    std::vector<std::vector<std::pair<uint32_t, uint32_t>>> outputs(1);  // (literal, length)
    for (size_t i = 0; i < literals.size(); ++i) {
      if (literals[i].empty()) {
        always_.push_back(static_cast<int>(i));
        continue;
      }
      uint32_t state = 0;
      for (char c : literals[i]) {
        const size_t at = state * classes_ + class_[static_cast<unsigned char>(c)];
        if (next_[at] == 0) {
          next_[at] = static_cast<uint32_t>(outputs.size());
          outputs.emplace_back();
          next_.resize(next_.size() + classes_, 0);
        }
        state = next_[at];
      }
      outputs[state].emplace_back(static_cast<uint32_t>(i),
                                  static_cast<uint32_t>(literals[i].size()));
    }
    // Breadth first: a state's failure state (its longest proper suffix that is a trie state)
    // is settled before its children; missing transitions become the failure state's, and a
    // state reports what its failure state reports too.
    const size_t states = outputs.size();
    std::vector<uint32_t> fail(states, 0);
    std::vector<uint32_t> queue;
    for (size_t c = 0; c < classes_; ++c) {
      if (next_[c] != 0) queue.push_back(next_[c]);
    }
    for (size_t head = 0; head < queue.size(); ++head) {
      const uint32_t state = queue[head];
      const auto& inherited = outputs[fail[state]];
      outputs[state].insert(outputs[state].end(), inherited.begin(), inherited.end());
      for (size_t c = 0; c < classes_; ++c) {
        uint32_t& to = next_[state * classes_ + c];
        const uint32_t via_fail = next_[fail[state] * classes_ + c];
        if (to == 0) {
          to = via_fail;
        } else {
          fail[to] = via_fail;
          queue.push_back(to);
        }
      }
    }
    // Flat outputs; a state's entries in next_ become row offsets, odd when it reports.
    output_begin_.assign(states + 1, 0);
    outputs_.clear();
    for (size_t state = 0; state < states; ++state) {
      output_begin_[state] = static_cast<uint32_t>(outputs_.size());
      outputs_.insert(outputs_.end(), outputs[state].begin(), outputs[state].end());
    }
    output_begin_[states] = static_cast<uint32_t>(outputs_.size());
    for (uint32_t& to : next_) {
      to = static_cast<uint32_t>(to * classes_) << 1 | (outputs[to].empty() ? 0 : 1);
    }
  }

  // Sets `out` to the index of every literal that occurs in `text`, each once, in
  // increasing order.
  void FindAll(std::string_view text, std::vector<int>& out) const {
    out.clear();
    ForEach(text, [&](int literal, size_t) { out.push_back(literal); });
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }

  // Calls found(literal, at) for every occurrence of a literal in `text`, `at` being where
  // it starts; occurrences come in increasing order of where they end (several literals may
  // end at one position). An empty literal is reported once, at text.size().
  template <typename Found>
  void ForEach(std::string_view text, Found&& found) const {
    for (int index : always_) found(index, text.size());
    if (next_.empty()) return;
    const uint32_t* next = next_.data();
    uint32_t row = 0;  // the current state's offset in next_
    for (size_t i = 0; i < text.size(); ++i) {
      const uint32_t to = next[row + class_[static_cast<unsigned char>(text[i])]];
      row = to >> 1;
      if ((to & 1) == 0) continue;
      const size_t state = row / classes_;
      for (uint32_t k = output_begin_[state]; k < output_begin_[state + 1]; ++k) {
        found(static_cast<int>(outputs_[k].first), i + 1 - outputs_[k].second);
      }
    }
  }

 private:
  static char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

  std::vector<int> always_;                             // empty literals
  std::array<uint8_t, 256> class_{};                    // byte -> its class
  size_t classes_ = 1;                                  // at most 256: bytes of literals + 1
  std::vector<uint32_t> next_;                          // (state * classes_ + class): the next
                                                        // state's row offset << 1 | reports
  std::vector<uint32_t> output_begin_;                  // state -> its first in outputs_
  std::vector<std::pair<uint32_t, uint32_t>> outputs_;  // (literal, length)
};

}  // namespace corpgraph::extract::internal
