/* The one symbol DuckDB's bundled Windows library needs that Debian's mingw-w64 libstdc++ lacks:
 * std::basic_streambuf<char>::seekpos(std::fpos<_Mbstatet>, std::_Ios_Openmode), a vtable slot of DuckDB's
 * embedded HTTP server. electsum never loads an extension or a remote file, so it is never called; should it
 * ever be, the program stops here instead of running on with a wrong stream position. See .ci/release. */
void electsum_seekpos_shim(void) __asm__("_ZNSt15basic_streambufIcSt11char_traitsIcEE7seekposESt4fposI9_MbstatetESt13_Ios_Openmode");
void electsum_seekpos_shim(void) { __builtin_trap(); }
