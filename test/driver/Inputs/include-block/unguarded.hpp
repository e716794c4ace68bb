// No include guard: included twice it defines settle_count twice, so an
// include block naming it is not compiled apart (the files are parsed whole).
inline int settle_count() { return 2; }
