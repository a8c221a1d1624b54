# lemma.mk — the lemma table of the text stage, compiled at build time from
# WordNet 3.0 (Debian package wordnet-base) by tools/mklemma.c. Format in
# src/text/lemma_file.h, rules in docs/lemma.md.


WORDNET_DIR ?= /usr/share/wordnet
WORDNET_FILES := $(wildcard $(WORDNET_DIR)/index.* $(WORDNET_DIR)/*.exc) \
                 $(WORDNET_DIR)/cntlist.rev

$(BUILD)/tools/mklemma: tools/mklemma.c src/text/lemma_file.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ tools/mklemma.c $(LDFLAGS)

$(BUILD)/data/lemma.bin: $(BUILD)/tools/mklemma $(WORDNET_FILES)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/mklemma $(WORDNET_DIR) $@

DATA_FILES += $(BUILD)/data/lemma.bin
