/// @file fixed_vector.hpp
/// @brief `FixedVector<T, N>`: a vector with inline storage and a fixed
///        capacity, for per-frame results that must not allocate.
#pragma once

#include <arthrokin/error.hpp>

#include <array>
#include <cstddef>

namespace arthrokin {

/// A sequence of at most `N` values stored inline (no heap). `push_back`
/// beyond the capacity drops the value and counts it in `dropped()`.
template <class T, std::size_t N>
class FixedVector {
 public:
  using value_type = T;
  using iterator = typename std::array<T, N>::iterator;
  using const_iterator = typename std::array<T, N>::const_iterator;

  constexpr FixedVector() = default;

  /// Append `v`; returns false (and counts a drop) when full.
  constexpr bool push_back(const T& v) noexcept {
    if (size_ == N) {
      ++dropped_;
      return false;
    }
    data_[size_++] = v;
    return true;
  }
  constexpr void clear() noexcept { size_ = 0, dropped_ = 0; }
  [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }
  [[nodiscard]] static constexpr std::size_t capacity() noexcept { return N; }
  [[nodiscard]] constexpr bool empty() const noexcept { return size_ == 0; }
  /// Values that did not fit.
  [[nodiscard]] constexpr std::size_t dropped() const noexcept { return dropped_; }
  [[nodiscard]] constexpr T& operator[](std::size_t i) noexcept {
    ARTHROKIN_ASSERT(i < size_, "FixedVector index out of range");
    return data_[i];
  }
  [[nodiscard]] constexpr const T& operator[](std::size_t i) const noexcept {
    ARTHROKIN_ASSERT(i < size_, "FixedVector index out of range");
    return data_[i];
  }
  [[nodiscard]] constexpr T& back() noexcept { return data_[size_ - 1]; }
  [[nodiscard]] constexpr iterator begin() noexcept { return data_.begin(); }
  [[nodiscard]] constexpr iterator end() noexcept { return data_.begin() + static_cast<std::ptrdiff_t>(size_); }
  [[nodiscard]] constexpr const_iterator begin() const noexcept { return data_.begin(); }
  [[nodiscard]] constexpr const_iterator end() const noexcept {
    return data_.begin() + static_cast<std::ptrdiff_t>(size_);
  }

 private:
  std::array<T, N> data_{};
  std::size_t size_ = 0;
  std::size_t dropped_ = 0;
};

}  // namespace arthrokin
