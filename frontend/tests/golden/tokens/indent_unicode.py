def f():
	if x:
		return 1


	# c
	return 2
class été:
    名前 = "é"
    ﬁ = 1
x = (1,

     2)
