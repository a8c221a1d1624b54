# bench.mk — the benchmark program behind `make bench` (bench/run.sh runs
# it): a user of include/dateline.h linked with the static library.


$(BUILD)/dateline-bench: bench/bench.c $(BUILD)/libdateline.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ bench/bench.c $(BUILD)/libdateline.a $(LDLIBS)
