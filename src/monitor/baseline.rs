//! Small statistics used by the detectors: Poisson tails, EWMA steps.

/// `ln(n!)`: exact sums below 64, Stirling's series above.
pub(crate) fn ln_factorial(n: u32) -> f64 {
    if n < 64 {
        let mut s = 0.0f64;
        for k in 2..=n {
            s += f64::from(k).ln();
        }
        s
    } else {
        let x = f64::from(n) + 1.0;
        (x - 0.5) * x.ln() - x + 0.5 * (2.0 * core::f64::consts::PI).ln() + 1.0 / (12.0 * x)
            - 1.0 / (360.0 * x * x * x)
    }
}

/// `log10 P(X >= k)` for `X ~ Poisson(mu)`; `0.0` (certain) when `k <= mu`.
///
/// Sums the upper tail from `k` in log space until the terms vanish, so it
/// stays accurate far into the tail (1e-30 and beyond).
pub(crate) fn poisson_tail_log10(k: u32, mu: f64) -> f64 {
    if k == 0 || mu.is_nan() || mu <= 0.0 || f64::from(k) <= mu {
        return 0.0;
    }
    let ln_pk = f64::from(k) * mu.ln() - mu - ln_factorial(k);
    // Sum of pmf(j)/pmf(k) for j >= k.
    let mut term = 1.0f64;
    let mut sum = 1.0f64;
    let mut j = k;
    while term > 1e-12 * sum && j < k + 2000 {
        j += 1;
        term *= mu / f64::from(j);
        sum += term;
    }
    ((ln_pk + sum.ln()) / core::f64::consts::LN_10).min(0.0)
}

/// `log10 P(X >= k)` for `X ~ Binomial(n, p)`; `0.0` when `k <= n p`.
///
/// Sums the upper tail from `k` term by term (each term from the last by
/// the pmf ratio) until the terms vanish, so it is exact in the far tail.
pub(crate) fn binomial_tail_log10(k: u32, n: u32, p: f64) -> f64 {
    if k == 0 || n == 0 || p.is_nan() || p <= 0.0 || f64::from(k) <= f64::from(n) * p {
        return 0.0;
    }
    if k > n {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return 0.0;
    }
    let q = 1.0 - p;
    let ln_pk = ln_factorial(n) - ln_factorial(k) - ln_factorial(n - k)
        + f64::from(k) * p.ln()
        + f64::from(n - k) * q.ln();
    let odds = p / q;
    let mut term = 1.0f64;
    let mut sum = 1.0f64;
    let mut j = k;
    while j < n && term > 1e-12 * sum && j < k + 4000 {
        term *= f64::from(n - j) / f64::from(j + 1) * odds;
        j += 1;
        sum += term;
    }
    ((ln_pk + sum.ln()) / core::f64::consts::LN_10).min(0.0)
}

/// The EWMA step size for a half-life of `half_life` steps.
pub(crate) fn alpha_for_half_life(half_life: f32) -> f32 {
    1.0 - 0.5f32.powf(1.0 / half_life.max(1.0))
}

/// Moves `x` towards `target` by `a`.
#[inline]
pub(crate) fn ewma(x: &mut f32, target: f32, a: f32) {
    *x += a * (target - *x);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_matches_direct_sums() {
        // P(X >= 3 | mu = 1) = 1 - e^-1 (1 + 1 + 1/2) = 0.0803
        let p = 10f64.powf(poisson_tail_log10(3, 1.0));
        assert!((p - 0.080_301).abs() < 1e-5, "{p}");
        // P(X >= 48 | 20): about 5.4e-8 (sum of the pmf).
        let mut direct = 0.0;
        for j in 48..200u32 {
            direct += (f64::from(j) * 20f64.ln() - 20.0 - ln_factorial(j)).exp();
        }
        let lg = poisson_tail_log10(48, 20.0);
        assert!(
            (lg - direct.log10()).abs() < 1e-6,
            "{lg} vs {}",
            direct.log10()
        );
        assert_eq!(poisson_tail_log10(5, 9.0), 0.0);
        assert_eq!(poisson_tail_log10(5, 0.0), 0.0);
        assert!(poisson_tail_log10(400, 1.0) < -300.0);
    }

    #[test]
    fn binomial_tail_matches_direct_sums() {
        // P(X >= 2 | n = 3, p = 0.5) = 4/8.
        let p = 10f64.powf(binomial_tail_log10(2, 3, 0.5));
        assert!((p - 0.5).abs() < 1e-9, "{p}");
        let ln_choose = |n: u32, j: u32| ln_factorial(n) - ln_factorial(j) - ln_factorial(n - j);
        for (k, n, pr) in [(40u32, 72u32, 0.35f64), (90, 120, 0.4), (9, 10, 0.3)] {
            let direct: f64 = (k..=n)
                .map(|j| {
                    (ln_choose(n, j) + f64::from(j) * pr.ln() + f64::from(n - j) * (1.0 - pr).ln())
                        .exp()
                })
                .sum();
            let lg = binomial_tail_log10(k, n, pr);
            assert!(
                (lg - direct.log10()).abs() < 1e-6,
                "{k} {n}: {lg} vs {}",
                direct.log10()
            );
        }
        assert_eq!(binomial_tail_log10(10, 40, 0.5), 0.0);
        assert_eq!(binomial_tail_log10(3, 2, 0.5), f64::NEG_INFINITY);
        assert_eq!(binomial_tail_log10(3, 5, 0.0), 0.0);
    }

    #[test]
    fn stirling_joins_the_exact_sum() {
        let exact: f64 = (2..=64u32).map(|k| f64::from(k).ln()).sum();
        assert!((ln_factorial(64) - exact).abs() < 1e-9);
    }
}
