import NastavnikWeb
print("x")
