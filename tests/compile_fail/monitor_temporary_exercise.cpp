// Must not compile: a Monitor keeps a pointer to its Exercise; a temporary would dangle.
#include <arthrokin/exercise/monitor.hpp>
void f() {
  arthrokin::Monitor m(arthrokin::lumbar_spine_rocking_stretch());
  (void)m.repetitions();
}
