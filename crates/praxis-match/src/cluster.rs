//! Clustering: the entities are the connected components of the matched pairs.
//!
//! Union–find with the smaller index always made the root, so every component is named by its
//! smallest member. Records are put in the order of their ids before anything else
//! ([`crate::linkage::Dataset`]), so a cluster is named by its smallest record id, whatever order
//! the input came in.

/// The representative (smallest member) of each of `n` elements' components, given the edges.
pub fn components(n: usize, edges: impl IntoIterator<Item = (u32, u32)>) -> Vec<u32> {
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            let up = parent[parent[x as usize] as usize];
            parent[x as usize] = up;
            x = up;
        }
        x
    }
    for (a, b) in edges {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            parent[hi as usize] = lo;
        }
    }
    (0..n as u32).map(|x| find(&mut parent, x)).collect()
}
