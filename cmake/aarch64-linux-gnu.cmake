# Cross toolchain: AArch64 Linux with Debian's g++-aarch64-linux-gnu, the programs run under
# qemu-user (qemu-aarch64 with the target's libraries from /usr/aarch64-linux-gnu).
# Used by tests/portable (CTest cross.aarch64_qemu); docs/performance.md, "ARM".
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
find_program(ARTHROKIN_QEMU_AARCH64 qemu-aarch64 REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR ${ARTHROKIN_QEMU_AARCH64} -L /usr/aarch64-linux-gnu)
