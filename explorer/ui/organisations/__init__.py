"""The organisations page: the matrix, the network map and the organisation card."""
