# mk/install.mk — `make install PREFIX=... [DESTDIR=...]`, `make uninstall`:
# the program with its knowledge, the static and the versioned shared
# library, the header, a pkg-config file, the man page (made from the
# commands' --help) and bash completion. The installed library and program
# look for their knowledge in $(PREFIX)/share/dateline: kb.c is compiled
# once more for the install with that folder (the build tree's objects
# keep $(BUILD)/data), so nothing of the build tree is needed.
PREFIX  ?= /usr/local
DESTDIR ?=
bindir  := $(PREFIX)/bin
libdir  := $(PREFIX)/lib
incdir  := $(PREFIX)/include
datadir := $(PREFIX)/share/dateline
mandir  := $(PREFIX)/share/man/man1
compdir := $(PREFIX)/share/bash-completion/completions
pcdir   := $(libdir)/pkgconfig

DL_VER   := $(shell sed -n 's/^\#define DL_VERSION "\(.*\)"/\1/p' include/dateline.h)
DL_SOMAJ := $(firstword $(subst ., ,$(DL_VER)))
INST     := $(BUILD)/install
LIB_PRIV := sqlite3 libutf8proc jansson zlib libpq

.PHONY: install uninstall

# kb.c again, with the installed knowledge folder (rebuilt every time:
# PREFIX may differ from the last install)
$(INST)/kb.o: src/kb/kb.c FORCE
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) -UDL_DATADIR -DDL_DATADIR='"$(datadir)"' -c $< -o $@

INST_OBJ = $(filter-out $(BUILD)/obj/src/kb/kb.o,$(LIB_OBJ)) $(INST)/kb.o

$(INST)/libdateline.a: $(INST_OBJ)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(INST)/libdateline.so.$(DL_VER): $(INST_OBJ)
	$(Q)$(CC) $(LDFLAGS) -shared -Wl,-soname,libdateline.so.$(DL_SOMAJ) -o $@ $^ $(PKG_LIBS) -lm -lpthread

$(INST)/dateline: $(CLI_OBJ) $(INST)/libdateline.a
	$(Q)$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(INST)/libdateline.a $(LDLIBS)

$(INST)/dateline.pc: FORCE
	@mkdir -p $(dir $@)
	@printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(libdir)' 'includedir=$(incdir)' '' \
	    'Name: dateline' \
	    'Description: codes dated news into events, quotations, times and places' \
	    'Version: $(DL_VER)' \
	    'Requires.private: $(LIB_PRIV)' \
	    'Cflags: -I$${includedir}' \
	    'Libs: -L$${libdir} -ldateline' \
	    'Libs.private: -lm -lpthread' > $@

$(INST)/dateline.1: $(BUILD)/dateline scripts/mkman
	@mkdir -p $(dir $@)
	$(Q)bash scripts/mkman $(BUILD)/dateline > $@

$(INST)/dateline.bash: $(BUILD)/dateline scripts/mkman
	@mkdir -p $(dir $@)
	$(Q)bash scripts/mkman --completion $(BUILD)/dateline > $@

install: all $(INST)/dateline $(INST)/libdateline.a $(INST)/libdateline.so.$(DL_VER) \
         $(INST)/dateline.pc $(INST)/dateline.1 $(INST)/dateline.bash
	install -d $(DESTDIR)$(bindir) $(DESTDIR)$(libdir) $(DESTDIR)$(incdir) \
	    $(DESTDIR)$(datadir) $(DESTDIR)$(mandir) $(DESTDIR)$(compdir) $(DESTDIR)$(pcdir)
	install -m 755 $(INST)/dateline $(DESTDIR)$(bindir)/dateline
	install -m 644 $(INST)/libdateline.a $(DESTDIR)$(libdir)/libdateline.a
	install -m 755 $(INST)/libdateline.so.$(DL_VER) $(DESTDIR)$(libdir)/
	ln -sf libdateline.so.$(DL_VER) $(DESTDIR)$(libdir)/libdateline.so.$(DL_SOMAJ)
	ln -sf libdateline.so.$(DL_SOMAJ) $(DESTDIR)$(libdir)/libdateline.so
	install -m 644 include/dateline.h $(DESTDIR)$(incdir)/dateline.h
	install -m 644 $(INST)/dateline.pc $(DESTDIR)$(pcdir)/dateline.pc
	install -m 644 $(INST)/dateline.1 $(DESTDIR)$(mandir)/dateline.1
	install -m 644 $(INST)/dateline.bash $(DESTDIR)$(compdir)/dateline
	cp -R $(BUILD)/data/. $(DESTDIR)$(datadir)/

uninstall:
	rm -f $(DESTDIR)$(bindir)/dateline $(DESTDIR)$(libdir)/libdateline.a \
	    $(DESTDIR)$(libdir)/libdateline.so $(DESTDIR)$(libdir)/libdateline.so.$(DL_SOMAJ) \
	    $(DESTDIR)$(libdir)/libdateline.so.$(DL_VER) $(DESTDIR)$(incdir)/dateline.h \
	    $(DESTDIR)$(pcdir)/dateline.pc $(DESTDIR)$(mandir)/dateline.1 \
	    $(DESTDIR)$(compdir)/dateline
	rm -rf $(DESTDIR)$(datadir)
