# Thin wrapper around Meson, as QEMU's configure + make are.
#   make            build everything into build/
#   make check      install missing Debian packages, build, run the whole test suite
#   make demo       build and boot the default demo guest on the serial console
#   make bench      run the benchmarks (never part of make check)
BUILD ?= build
MESON_OPTS ?=

.PHONY: all build check demo bench deps clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=debugoptimized -Dwerror=true $(MESON_OPTS)

build: $(BUILD)/build.ninja
	ninja -C $(BUILD)

check: deps
	@$(MAKE) --no-print-directory build
	@meson test -C $(BUILD) --print-errorlogs --num-processes 2 $(TESTFLAGS); \
	 status=$$?; python3 scripts/test-summary.py $(BUILD); exit $$status

demo: deps
	@$(MAKE) --no-print-directory build
	scripts/demo.sh $(BUILD) "$(KERNEL)" "$(INITRD)" "$(APPEND)"

bench: deps
	@$(MAKE) --no-print-directory build
	bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD)
